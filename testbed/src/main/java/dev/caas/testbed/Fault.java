package dev.caas.testbed;

import dev.caas.contract.Step;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The network and database faults a variant must survive, each injected into a running {@link
 * Testbed} and healed again, with the answer the contract expects while it lasts. The fault tests
 * of every variant and {@code caas bench --fault} use this one catalogue, so they cannot disagree
 * about what a fault is.
 *
 * <p>Every fault ends in the contract's JSON error within the deadline (plus a little), never a
 * hang: the fast ones (a refused or reset connection) at once, the slow ones (an answer that never
 * comes, or comes too slowly) when the deadline passes. The postgres faults hit whichever database
 * step runs first, billing in a sequential variant, billing or name in a gathered one. The one
 * exception is {@link #CLIENT_ABORT}: the clients leave, so there is no answer to judge, only the
 * billing (photos delivered, nothing more) and the pools afterwards.
 */
public enum Fault {
  /**
   * Toxiproxy's {@code timeout} toxic with timeout 0: the upstream's answer never arrives, nothing
   * is closed.
   */
  UPSTREAM_TIMEOUT(
      "upstream-timeout",
      "upstream answer held back forever (timeout toxic, 0 ms)",
      Set.of(504),
      Set.of(503, 504),
      Set.of(Step.UPSTREAM)) {
    @Override
    Injected inject(Testbed testbed, Duration deadline) throws IOException {
      return toxic(
          testbed.proxy(ProxyNames.UPSTREAM).toxics().timeout(NAME, ToxicDirection.DOWNSTREAM, 0));
    }
  },
  /**
   * Toxiproxy's {@code reset_peer}: every upstream connection is reset (TCP RST) as soon as data
   * flows.
   */
  UPSTREAM_RESET(
      "upstream-reset",
      "upstream connections reset by peer (reset_peer toxic)",
      Set.of(503),
      Set.of(Step.UPSTREAM)) {
    @Override
    Injected inject(Testbed testbed, Duration deadline) throws IOException {
      return toxic(
          testbed
              .proxy(ProxyNames.UPSTREAM)
              .toxics()
              .resetPeer(NAME, ToxicDirection.DOWNSTREAM, 0));
    }
  },
  /** The upstream proxy disabled: its open connections are closed and new ones refused. */
  UPSTREAM_DOWN(
      "upstream-down",
      "upstream proxy disabled (connections refused)",
      Set.of(503),
      Set.of(Step.UPSTREAM)) {
    @Override
    Injected inject(Testbed testbed, Duration deadline) throws IOException {
      return disabled(testbed.proxy(ProxyNames.UPSTREAM));
    }
  },
  /**
   * A {@code bandwidth} toxic so narrow that a 55 KB photo would take about 7 s: past any test's
   * deadline.
   */
  UPSTREAM_BANDWIDTH(
      "upstream-bandwidth",
      "upstream limited to 8 KB/s (bandwidth toxic)",
      Set.of(504),
      Set.of(Step.UPSTREAM)) {
    @Override
    Injected inject(Testbed testbed, Duration deadline) throws IOException {
      return toxic(
          testbed
              .proxy(ProxyNames.UPSTREAM)
              .toxics()
              .bandwidth(NAME, ToxicDirection.DOWNSTREAM, 8));
    }
  },
  /** Upstream latency of twice the deadline. */
  UPSTREAM_LATENCY(
      "upstream-latency",
      "upstream latency of twice the deadline",
      Set.of(504),
      Set.of(Step.UPSTREAM)) {
    @Override
    Injected inject(Testbed testbed, Duration deadline) throws IOException {
      return latency(testbed, ProxyNames.UPSTREAM, deadline.multipliedBy(2));
    }
  },
  /** Database latency of twice the deadline: the statement is sent, its answer comes too late. */
  POSTGRES_LATENCY(
      "postgres-latency",
      "database latency of twice the deadline",
      Set.of(504),
      Set.of(Step.BILLING, Step.NAME)) {
    @Override
    Injected inject(Testbed testbed, Duration deadline) throws IOException {
      return latency(testbed, ProxyNames.POSTGRES, deadline.multipliedBy(2));
    }
  },
  /**
   * The database proxy disabled: pooled connections break and new ones are refused. The error is a
   * 503 when the variant sees the broken connection or gives up waiting for a new one, a 504 when
   * the request's deadline comes first; both are the contract's answer to a database that is gone.
   */
  POSTGRES_DOWN(
      "postgres-down",
      "database proxy disabled (connections closed and refused)",
      Set.of(503, 504),
      Set.of(Step.BILLING, Step.NAME)) {
    @Override
    Injected inject(Testbed testbed, Duration deadline) throws IOException {
      return disabled(testbed.proxy(ProxyNames.POSTGRES));
    }
  },
  /**
   * The {@code dog} table locked, as by a long migration: the billing insert commits, the name
   * lookup waits into the deadline. The failed request must not stay billed: the variant deletes
   * its event again.
   */
  DOG_TABLE_LOCKED(
      "dog-table-locked",
      "dog table locked: billing commits, the name lookup waits",
      Set.of(504),
      Set.of(Step.NAME)) {
    @Override
    Injected inject(Testbed testbed, Duration deadline) {
      return testbed.lockDogTable()::close;
    }
  },
  /**
   * Clients that leave before their answer: while the fault lasts, part of the load's clients close
   * their connection right after sending the request (FIN) or reset it (RST, {@code SO_LINGER 0}),
   * at once or halfway through a typical answer's time, and never read an answer. The testbed is
   * left alone: the harness's load does the aborting ({@link #abortsClients()}), and healing means
   * it stops. Those clients get no answer, so there is no error answer to count; what is checked is
   * that the variant bills only the photos delivered, the ones whose whole body reached the
   * generator, and that its pools go back to idle.
   */
  CLIENT_ABORT(
      "client-abort",
      "part of the clients close (FIN) or reset (RST) right after sending, at once or mid-answer;"
          + " billed == photos delivered whole",
      Set.of(),
      Set.of()) {
    @Override
    Injected inject(Testbed testbed, Duration deadline) {
      return () -> {};
    }

    @Override
    public boolean abortsClients() {
      return true;
    }
  };

  /** The name of the toxics this class adds, so healing removes exactly them. */
  private static final String NAME = "caas-fault";

  private final String wireName;
  private final String description;
  private final Set<Integer> statuses;
  private final Set<Integer> statusesOnceHealed;
  private final Set<Step> steps;

  Fault(String wireName, String description, Set<Integer> statuses, Set<Step> steps) {
    this(wireName, description, statuses, statuses, steps);
  }

  Fault(
      String wireName,
      String description,
      Set<Integer> statuses,
      Set<Integer> statusesOnceHealed,
      Set<Step> steps) {
    this.wireName = wireName;
    this.description = description;
    this.statuses = statuses;
    this.statusesOnceHealed = statusesOnceHealed;
    this.steps = steps;
  }

  /** A fault in place; closing it heals the testbed. */
  @FunctionalInterface
  public interface Injected extends AutoCloseable {
    @Override
    void close() throws Exception;
  }

  abstract Injected inject(Testbed testbed, Duration deadline) throws IOException;

  /**
   * Injects the fault.
   *
   * @param deadline the request deadline of the variant under test (latency faults exceed it)
   * @return the handle that heals the fault when closed
   */
  public Injected injectInto(Testbed testbed, Duration deadline) {
    try {
      return inject(testbed, deadline);
    } catch (IOException e) {
      throw new UncheckedIOException("could not inject fault " + wireName, e);
    }
  }

  /** As on the command line: {@code upstream-timeout}. */
  public String wireName() {
    return wireName;
  }

  public String description() {
    return description;
  }

  /** The statuses the contract allows for a request answered while the fault lasts. */
  public Set<Integer> expectedStatusesWhileInjected() {
    return statuses;
  }

  /**
   * The statuses the contract allows for a request sent while the fault lasts, whenever it is
   * answered. Healing {@link #UPSTREAM_TIMEOUT} closes the connections it silenced, as Toxiproxy
   * does (their streams lost data): a request still waiting on one then fails at once with a 503,
   * unless the client retries it on a new connection (java.net.http does for a GET; Reactor Netty
   * does not once the request was sent).
   */
  public Set<Integer> expectedStatuses() {
    return statusesOnceHealed;
  }

  /** The steps an error may blame while the fault lasts. */
  public Set<Step> expectedSteps() {
    return steps;
  }

  /**
   * Whether the fault is the clients' own doing rather than the testbed's: its {@link #injectInto}
   * changes nothing, and whoever runs the load makes part of its clients leave while it lasts.
   */
  public boolean abortsClients() {
    return false;
  }

  /**
   * What the contract expects while the fault lasts, for a catalogue: {@code 503/504 on
   * billing/name}, or {@code no error answer} for a fault whose clients get none.
   */
  public String expectation() {
    if (statusesOnceHealed.isEmpty()) {
      return "no error answer";
    }
    return statusesOnceHealed.stream()
            .sorted()
            .map(String::valueOf)
            .collect(Collectors.joining("/"))
        + " on "
        + steps.stream().sorted().map(Step::wireName).collect(Collectors.joining("/"));
  }

  /** Parses a wire name ({@code postgres-down}). */
  public static Fault parse(String name) {
    return Arrays.stream(values())
        .filter(fault -> fault.wireName.equalsIgnoreCase(name.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown fault '"
                        + name
                        + "': expected all or one of "
                        + Arrays.stream(values())
                            .map(Fault::wireName)
                            .collect(Collectors.joining(", "))));
  }

  /** {@code all} or a comma-separated list of wire names. */
  public static List<Fault> parseList(String names) {
    if (names.trim().equalsIgnoreCase("all")) {
      return List.of(values());
    }
    return Arrays.stream(names.split(",")).map(Fault::parse).toList();
  }

  private static Injected toxic(eu.rekawek.toxiproxy.model.Toxic toxic) {
    return toxic::remove;
  }

  private static Injected disabled(Proxy proxy) throws IOException {
    proxy.disable();
    return proxy::enable;
  }

  /**
   * A second latency toxic on top of the scenario's own: latency toxics add up, and removing it
   * restores it.
   */
  private static Injected latency(Testbed testbed, String proxyName, Duration latency)
      throws IOException {
    return toxic(
        testbed
            .proxy(proxyName)
            .toxics()
            .latency(NAME, ToxicDirection.DOWNSTREAM, latency.toMillis()));
  }
}
