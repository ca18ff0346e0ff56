package dev.caas.testbed;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Whether a point with a given number of requests in flight fits the machine's limits, checked
 * before the point starts: open files per process (each socket is one) and ephemeral ports per
 * address pair. A point that does not fit is refused with the arithmetic, rather than run into "too
 * many open files" and counted as errors of the variant.
 *
 * <p>The count assumes kept-alive connections, one per request in flight where a component opens
 * one per waiting request (the load generator, a variant's upstream client, the proxy), and the
 * database pool's connections on the {@code postgres} proxy. Connections in TIME_WAIT hold no
 * descriptor but do hold their port for a minute; a point that churns connections needs the ports'
 * margin, which is why the check compares with the whole range and says how close it is.
 *
 * <pre>{@code
 * RigBudget budget = RigBudget.check(
 *     BudgetDemand.of(9_000, 20), testbed.layout(), RigLimits.ofThisMachine());
 * budget.refusal().ifPresent(reason -> skipPoint(reason));
 * }</pre>
 *
 * @param lines one per process and one per address pair, each with its arithmetic
 */
public record RigBudget(List<Line> lines) {

  /** Sockets a proxy holds per proxied connection: the client's and the one it dialled. */
  static final int SOCKETS_PER_PROXIED_CONNECTION = 2;

  /** The proxy's listeners: the control API, {@code upstream} and {@code postgres}. */
  static final int PROXY_LISTENERS = 3;

  /**
   * One resource and what a point needs of it.
   *
   * @param what e.g. {@code proxy process: open files}
   * @param arithmetic how {@code needed} was counted, e.g. {@code 2 × 9,000 + 2 × 20 + 3}
   * @param needed what the point needs
   * @param available what the machine allows
   * @param availableArithmetic how {@code available} was counted, e.g. {@code 20,000 − 200 reserve}
   */
  public record Line(
      String what, String arithmetic, long needed, long available, String availableArithmetic) {
    public boolean fits() {
      return needed <= available;
    }

    /** {@code proxy process: open files 2 × 9,000 + … = 18,043 ≤ 19,800 (20,000 − 200 reserve)}. */
    public String describe() {
      return what
          + ": "
          + arithmetic
          + " = "
          + number(needed)
          + (fits() ? " ≤ " : " > ")
          + number(available)
          + (availableArithmetic.isEmpty() ? "" : " (" + availableArithmetic + ")");
    }
  }

  /**
   * What a point asks of the rig.
   *
   * @param inFlight requests in flight at once (closed-loop clients, or the most an open loop lets
   *     wait)
   * @param variantUpstreamConnections connections the variant opens to the upstream proxy: one per
   *     waiting request unless its client has a limit (WebClient's pool)
   * @param dbConnections the variant's database pool, through the {@code postgres} proxy
   */
  public record BudgetDemand(int inFlight, int variantUpstreamConnections, int dbConnections) {
    public BudgetDemand {
      if (inFlight < 0 || variantUpstreamConnections < 0 || dbConnections < 0) {
        throw new IllegalArgumentException("a demand counts connections, never fewer than 0");
      }
    }

    /** One upstream connection per request in flight: the most any variant opens. */
    public static BudgetDemand of(int inFlight, int dbConnections) {
      return new BudgetDemand(inFlight, inFlight, dbConnections);
    }
  }

  public RigBudget {
    lines = List.copyOf(lines);
  }

  /** Counts what {@code demand} needs in {@code layout} against {@code limits}. */
  public static RigBudget check(BudgetDemand demand, TestbedLayout layout, RigLimits limits) {
    int c = demand.inFlight();
    int u = demand.variantUpstreamConnections();
    int p = demand.dbConnections();
    long available = limits.openFilesAvailable();
    String availableArithmetic =
        number(limits.openFilesPerProcess())
            + " − "
            + number(limits.reservedFilesPerProcess())
            + " reserve";
    var lines = new ArrayList<Line>();

    Term generator = new Term("1 × " + number(c) + " client connections", c);
    Term proxy =
        new Term(
            SOCKETS_PER_PROXIED_CONNECTION
                + " sockets × "
                + number(u)
                + " upstream connections + "
                + SOCKETS_PER_PROXIED_CONNECTION
                + " × "
                + number(p)
                + " database connections + "
                + PROXY_LISTENERS
                + " listeners",
            (long) SOCKETS_PER_PROXIED_CONNECTION * u
                + (long) SOCKETS_PER_PROXIED_CONNECTION * p
                + PROXY_LISTENERS);
    Term upstream = new Term(number(u) + " proxied connections + 1 listener", u + 1L);
    if (layout.processes() == ProcessLayout.IN_PROCESS) {
      lines.add(
          openFiles(
              "harness process (generator + proxy + upstream)",
              List.of(generator, proxy, upstream),
              available,
              availableArithmetic));
    } else {
      lines.add(
          openFiles(
              "harness process (generator)", List.of(generator), available, availableArithmetic));
      lines.add(openFiles("proxy process", List.of(proxy), available, availableArithmetic));
      lines.add(openFiles("upstream process", List.of(upstream), available, availableArithmetic));
    }
    lines.add(
        openFiles(
            "variant process",
            List.of(
                new Term(
                    number(c)
                        + " incoming + "
                        + number(u)
                        + " upstream + "
                        + number(p)
                        + " database connections",
                    (long) c + u + p)),
            available,
            availableArithmetic));

    long ports = limits.ephemeralPortsPerAddressPair();
    String portRange = "ephemeral ports per address pair";
    lines.add(
        new Line("ports, generator → variant", number(c) + " connections", c, ports, portRange));
    lines.add(
        new Line(
            "ports, variant → upstream proxy", number(u) + " connections", u, ports, portRange));
    int sources = layout.proxySourceAddresses().size();
    long perSource = Math.ceilDiv(u, Math.max(1, sources));
    lines.add(
        new Line(
            "ports, proxy → upstream",
            "⌈" + number(u) + " connections / " + sources + " source addresses⌉",
            perSource,
            ports,
            portRange + " (" + String.join(", ", layout.proxySourceAddresses()) + ")"));
    return new RigBudget(lines);
  }

  public boolean fits() {
    return lines.stream().allMatch(Line::fits);
  }

  /** Every line that does not fit, with its arithmetic; empty when the point fits. */
  public Optional<String> refusal() {
    if (fits()) {
      return Optional.empty();
    }
    return Optional.of(
        lines.stream()
            .filter(line -> !line.fits())
            .map(Line::describe)
            .collect(Collectors.joining("; ", "does not fit: ", "")));
  }

  /** All lines, one per line of text. */
  public String describe() {
    return lines.stream().map(Line::describe).collect(Collectors.joining("\n"));
  }

  private record Term(String arithmetic, long count) {}

  private static Line openFiles(
      String process, List<Term> terms, long available, String availableArithmetic) {
    String arithmetic = terms.stream().map(Term::arithmetic).collect(Collectors.joining(" + "));
    long needed = terms.stream().mapToLong(Term::count).sum();
    return new Line(process + " open files", arithmetic, needed, available, availableArithmetic);
  }

  static String number(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }
}
