package dev.caas.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code caas testbed}: the testbed as a service for an implementation this project did not start,
 * in any language, on this host or another. Starts PostgreSQL, the Toxiproxy server with the {@code
 * upstream} and {@code postgres} proxies, and the dog upstream; prints how to reach them as shell
 * variables and as JSON; runs until interrupted, then stops everything it started.
 *
 * <pre>
 * eval "$(caas testbed | sed -n '/^export /p')"   # or read --json FILE
 * </pre>
 */
public final class TestbedMain {
  static final String USAGE =
      """
      Usage: caas testbed [--listen ADDRESS] [--json FILE] [--backend NAME] [--separate-processes]
                          [--proxy-source-addresses N]
      Starts PostgreSQL, Toxiproxy (proxies "upstream" and "postgres") and the dog upstream, prints
      their endpoints as shell variables and JSON, and runs until interrupted (Ctrl-C or SIGTERM).

        --listen ADDRESS    where the proxies and the Toxiproxy API listen (default 127.0.0.1).
                            Any other address makes the Toxiproxy API and PostgreSQL reachable
                            WITHOUT AUTHENTICATION from that network.
        --json FILE         also write the endpoints as JSON to FILE
        --backend NAME      embedded (default), containers or auto
        --separate-processes
                            run the Toxiproxy server and the upstream in JVMs of their own
        --proxy-source-addresses N
                            the proxy dials the upstream from 127.0.0.1 … 127.0.0.N (default 1)
        --help              this text
      """;

  private TestbedMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("caas testbed: " + e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(USAGE);
      return;
    }
    if (!isLoopback(options.testbed().listenAddress())) {
      System.err.println(
          "caas testbed: WARNING: listening on "
              + options.testbed().listenAddress()
              + ": the Toxiproxy API and PostgreSQL (user postgres, password postgres) are"
              + " reachable without authentication from that network. Use it only on a private"
              + " test network.");
    }
    Testbed testbed = Testbed.start(options.testbed());
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  testbed.close();
                  stopped.countDown();
                },
                "caas-testbed-shutdown"));
    Map<String, Object> endpoints = endpoints(testbed);
    if (options.jsonFile() != null) {
      Path target = options.jsonFile();
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      Files.writeString(partial, json(endpoints));
      // Renamed into place whole, so whoever waits for the file never reads half of it.
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    }
    print(System.out, testbed, endpoints);
    stopped.await(); // until the shutdown hook has closed the testbed
  }

  /** What an implementation and a harness need to know, as the JSON says it. */
  static Map<String, Object> endpoints(Testbed testbed) {
    Map<String, String> environment = ImplementationEnvironment.of(testbed);
    var postgres = new LinkedHashMap<String, Object>();
    postgres.put("host", environment.get(ImplementationEnvironment.DB_HOST));
    postgres.put("port", Integer.parseInt(environment.get(ImplementationEnvironment.DB_PORT)));
    postgres.put("database", testbed.databaseName());
    postgres.put("user", testbed.dbUser());
    postgres.put("password", testbed.dbPassword());
    postgres.put("jdbcUrl", testbed.jdbcUrl());
    var direct = new LinkedHashMap<String, Object>();
    direct.put("upstreamUrl", testbed.upstreamDirectUrl().toString());
    direct.put("jdbcUrl", testbed.directJdbcUrl());
    TestbedLayout layout = testbed.layout();
    var processes = new LinkedHashMap<String, Object>();
    processes.put("layout", layout.processes().name().toLowerCase(Locale.ROOT));
    processes.put("proxySourceAddresses", layout.proxySourceAddresses());
    processes.put("toxiproxyPid", layout.proxyPid());
    processes.put("upstreamPid", layout.upstreamPid());
    var endpoints = new LinkedHashMap<String, Object>();
    endpoints.put("upstreamUrl", testbed.upstreamUrl().toString());
    endpoints.put("postgres", postgres);
    endpoints.put("toxiproxyUrl", testbed.toxiproxyApiUrl());
    endpoints.put("proxies", List.of(ProxyNames.UPSTREAM, ProxyNames.POSTGRES));
    endpoints.put("environment", environment);
    endpoints.put("direct", direct);
    endpoints.put("processes", processes);
    endpoints.put("pid", ProcessHandle.current().pid());
    return endpoints;
  }

  static String json(Map<String, Object> endpoints) throws IOException {
    return new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(endpoints)
        + "\n";
  }

  private static void print(PrintStream out, Testbed testbed, Map<String, Object> endpoints)
      throws IOException {
    out.println("# CaaS testbed running (process " + ProcessHandle.current().pid() + ").");
    out.println("# Configure an implementation with these variables; stop with Ctrl-C or SIGTERM.");
    ImplementationEnvironment.of(testbed)
        .forEach((name, value) -> out.println("export " + name + "=" + shellQuoted(value)));
    out.println("# The same as JSON:");
    out.print(json(endpoints));
    out.println("# testbed ready");
    out.flush();
  }

  /** Single quotes, so no value is ever expanded by the shell that evals the line. */
  static String shellQuoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }

  /** The command line. */
  record Options(TestbedOptions testbed, Path jsonFile, boolean help) {
    static Options parse(String[] args) {
      TestbedOptions testbed = TestbedOptions.of(Backend.EMBEDDED);
      Path jsonFile = null;
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--help") || option.equals("-h")) {
          return new Options(testbed, jsonFile, true);
        }
        if (option.equals("--separate-processes")) {
          testbed = testbed.withProcesses(ProcessLayout.SEPARATE_PROCESSES);
          continue;
        }
        String value;
        int equals = option.indexOf('=');
        if (equals > 0) {
          value = option.substring(equals + 1);
          option = option.substring(0, equals);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException("option " + option + " needs a value");
        }
        switch (option) {
          case "--listen" -> testbed = testbed.withListenAddress(value);
          case "--json" -> jsonFile = Path.of(value);
          case "--backend" -> testbed = withBackend(testbed, Backend.parse(value));
          case "--proxy-source-addresses" ->
              testbed =
                  testbed.withProxySourceAddresses(
                      TestbedOptions.loopbackAddresses(Integer.parseInt(value.trim())));
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      return new Options(testbed, jsonFile, false);
    }

    private static TestbedOptions withBackend(TestbedOptions options, Backend backend) {
      if (backend == Backend.EXTERNAL) {
        throw new IllegalArgumentException("caas testbed starts its own backend; not external");
      }
      return new TestbedOptions(
          backend,
          null,
          options.dbUser(),
          options.dbPassword(),
          null,
          options.processes(),
          options.proxySourceAddresses(),
          options.listenAddress());
    }
  }
}
