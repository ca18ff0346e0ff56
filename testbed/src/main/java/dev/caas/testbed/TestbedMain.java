package dev.caas.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code caas testbed}: the testbed as a service for an implementation this project did not start,
 * in any language, on this host or another. Starts PostgreSQL, the Toxiproxy server with the {@code
 * upstream} and {@code postgres} proxies, and the dog upstream; prints how to reach them as shell
 * variables and as JSON; runs until interrupted, then stops everything it started.
 *
 * <pre>
 * caas testbed --json testbed.json &gt; testbed.env &amp;   # runs until stopped
 * # once testbed.json exists:
 * . &lt;(grep '^export ' testbed.env)                 # CAAS_UPSTREAM_URL, CAAS_DB_HOST, …
 * </pre>
 *
 * <p>The same JSON is served over HTTP ({@link EndpointsServer}, on {@code --json-port}), so a
 * harness on another host attaches with {@code --testbed http://HOST:PORT/testbed.json} and no file
 * has to be copied to it.
 *
 * <p>The harness's CLI adds it as a subcommand ({@code new TestbedMain()}); on its own it runs as
 * {@code java -cp harness-all.jar dev.caas.testbed.TestbedMain}.
 */
@Command(
    name = "testbed",
    mixinStandardHelpOptions = true,
    description = {
      "Starts PostgreSQL, Toxiproxy (proxies \"upstream\" and \"postgres\") and the dog upstream,"
          + " prints their endpoints as shell variables and JSON, and runs until interrupted"
          + " (Ctrl-C or SIGTERM), then stops everything it started.",
      "",
      "The JSON is also served at http://ADDRESS:PORT/testbed.json (the port of --json-port,"
          + " printed): give that URL to 'caas bench --testbed' or 'caas conform --testbed' on"
          + " another host instead of copying the file.",
      "",
      "It listens on loopback unless --listen says otherwise. With any other address the"
          + " Toxiproxy API and PostgreSQL are reachable WITHOUT AUTHENTICATION from that network."
    })
public final class TestbedMain implements Callable<Integer> {

  @Option(
      names = "--listen",
      paramLabel = "ADDRESS",
      description = "Where the proxies and the Toxiproxy API listen (default ${DEFAULT-VALUE}).")
  String listen = TestbedOptions.LOOPBACK;

  @Option(
      names = "--json",
      paramLabel = "FILE",
      description = "Also write the endpoints as JSON to FILE.")
  Path jsonFile;

  @Option(
      names = "--json-port",
      paramLabel = "PORT",
      description =
          "The port on the listen address that serves the JSON at /testbed.json (default"
              + " ${DEFAULT-VALUE}: any free port, printed).")
  int jsonPort = 0;

  @Option(
      names = "--backend",
      paramLabel = "NAME",
      description = "embedded, containers or auto (default ${DEFAULT-VALUE}).")
  String backend = Backend.EMBEDDED.wireName();

  @Option(
      names = "--separate-processes",
      description = "Run the Toxiproxy server and the upstream in JVMs of their own.")
  boolean separateProcesses;

  @Option(
      names = "--proxy-source-addresses",
      paramLabel = "N",
      description =
          "The proxy dials the upstream from 127.0.0.1 … 127.0.0.N, each with its own ephemeral"
              + " ports (default ${DEFAULT-VALUE}).")
  int proxySourceAddresses = 1;

  public static void main(String[] args) {
    int exitCode = new CommandLine(new TestbedMain()).execute(args);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  @Override
  public Integer call() throws IOException, InterruptedException {
    TestbedOptions options = options();
    if (!isLoopback(options.listenAddress())) {
      System.err.println(
          "caas testbed: WARNING: listening on "
              + options.listenAddress()
              + ": the Toxiproxy API and PostgreSQL (user postgres, password postgres) are"
              + " reachable without authentication from that network. Use it only on a private"
              + " test network.");
    }
    // Listening first: on a port fixed in advance, an early reader is told 503 "not yet".
    EndpointsServer endpointsServer = EndpointsServer.start(options.listenAddress(), jsonPort);
    Testbed testbed;
    try {
      testbed = Testbed.start(options);
    } catch (IOException | RuntimeException e) {
      endpointsServer.close();
      throw e;
    }
    var stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  endpointsServer.close();
                  testbed.close();
                  stopped.countDown();
                },
                "caas-testbed-shutdown"));
    Map<String, Object> endpoints = endpoints(testbed);
    String json = json(endpoints);
    if (jsonFile != null) {
      Path partial = jsonFile.resolveSibling(jsonFile.getFileName() + ".partial");
      Files.writeString(partial, json);
      // Renamed into place whole, so whoever waits for the file never reads half of it.
      Files.move(partial, jsonFile, StandardCopyOption.ATOMIC_MOVE);
    }
    endpointsServer.publish(json);
    print(System.out, testbed, json, endpointsServer.url());
    stopped.await(); // until the shutdown hook has closed the testbed
    return 0;
  }

  TestbedOptions options() {
    Backend chosen = Backend.parse(backend);
    if (chosen == Backend.EXTERNAL) {
      throw new IllegalArgumentException("caas testbed starts its own backend; not external");
    }
    return TestbedOptions.of(chosen)
        .withProcesses(
            separateProcesses ? ProcessLayout.SEPARATE_PROCESSES : ProcessLayout.IN_PROCESS)
        .withProxySourceAddresses(TestbedOptions.loopbackAddresses(proxySourceAddresses))
        .withListenAddress(listen);
  }

  /** What an implementation and a harness need to know, as the JSON says it. */
  public static Map<String, Object> endpoints(Testbed testbed) {
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

  public static String json(Map<String, Object> endpoints) throws IOException {
    return new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .writeValueAsString(endpoints)
        + "\n";
  }

  private static void print(PrintStream out, Testbed testbed, String json, URI servedAt) {
    out.println("# CaaS testbed running (process " + ProcessHandle.current().pid() + ").");
    out.println("# Configure an implementation with these variables; stop with Ctrl-C or SIGTERM.");
    ImplementationEnvironment.of(testbed)
        .forEach((name, value) -> out.println("export " + name + "=" + shellQuoted(value)));
    out.println("# The same as JSON:");
    out.print(json);
    out.println("# The JSON is served at " + servedAt + " (for --testbed of caas bench/conform).");
    out.println("# testbed ready");
    out.flush();
  }

  /** Single quotes, so no value is ever expanded by the shell that evals the line. */
  public static String shellQuoted(String value) {
    return "'" + value.replace("'", "'\\''") + "'";
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (IOException e) {
      return false;
    }
  }
}
