package dev.caas.contract;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How a variant is started, the same for all three implementations: command-line options, each with
 * an environment fallback ({@code --db-url} or {@code CAAS_DB_URL}).
 *
 * <pre>
 * java -jar sync-impl.jar --variant gathered --port 8080 --db-url jdbc:postgresql://127.0.0.1:5432/postgres
 *     --upstream-url http://127.0.0.1:9000</pre>
 *
 * @param composition sequential or gathered
 * @param host the address to bind: loopback unless told otherwise
 * @param port 0 picks a free port
 * @param dbUrl a JDBC URL ({@code jdbc:postgresql://host:port/db}); {@link #r2dbcUrl()} derives
 *     R2DBC's
 * @param dbPool database connections (both compositions hold at most one per step)
 * @param serverThreads request threads, for models that have a bounded pool
 * @param queue requests that may wait for a request thread when all are busy, for models that have
 *     a bounded pool; one more is refused at once with a 503
 * @param deadline how long one request may take in all; a connection or pool wait never exceeds it
 * @param headerTimeout how long a connection may take to send a request's headers, from its first
 *     byte: a client that drips them (slowloris) is disconnected after this, whatever its pace
 * @param idleTimeout how long a connection may stay silent between requests before the server
 *     closes it
 * @param upstreamConnections the most connections to the upstream at once, for models whose HTTP
 *     client pools them with a limit (reactive's WebClient); more requests wait for one. The
 *     blocking clients open one per waiting request and have no such limit
 * @param extraCpu test-only: CPU burnt on every photo request before its handler runs, zero unless
 *     told; the regression the gate's own tests inject (see {@link ExtraCpu})
 */
public record VariantOptions(
    Variant.Composition composition,
    String host,
    int port,
    String dbUrl,
    String dbUser,
    String dbPassword,
    URI upstreamUrl,
    int dbPool,
    int serverThreads,
    int queue,
    Duration deadline,
    Duration headerTimeout,
    Duration idleTimeout,
    int upstreamConnections,
    Duration extraCpu) {

  /** The default {@link #headerTimeout}: generous for any real client, short for an attacker. */
  public static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);

  /** The default {@link #idleTimeout}: Jetty's own default, now the same for every server. */
  public static final Duration IDLE_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The default {@link #upstreamConnections}: a thousand requests in flight, as WebClient's own.
   */
  public static final int UPSTREAM_CONNECTIONS = 1_000;

  public static final String USAGE =
      """
      Options (each also read from the environment variable in brackets):
        --variant sequential|gathered   [CAAS_VARIANT]       default sequential
        --host ADDRESS                  [CAAS_HOST]          default 127.0.0.1
        --port N                        [CAAS_PORT]          default 8080; 0 = any free port
        --db-url JDBC_URL               [CAAS_DB_URL]        required, jdbc:postgresql://host:port/db
        --db-user NAME                  [CAAS_DB_USER]       default postgres
        --db-password SECRET            [CAAS_DB_PASSWORD]   default postgres
        --upstream-url URL              [CAAS_UPSTREAM_URL]  required, e.g. http://127.0.0.1:9000
        --db-pool N                     [CAAS_DB_POOL]       default 20
        --server-threads N              [CAAS_SERVER_THREADS] default 32 (bounded-pool models only)
        --queue N                       [CAAS_QUEUE]         default 1000: requests waiting for a busy
                                                             bounded pool; past it, 503 at once
        --deadline DURATION             [CAAS_DEADLINE]      default 60s (e.g. 500ms, 20s, 2m)
        --header-timeout DURATION       [CAAS_HEADER_TIMEOUT] default 10s: a request's headers must
                                                             arrive within it, or the connection closes
        --idle-timeout DURATION         [CAAS_IDLE_TIMEOUT]  default 30s: a connection silent for it
                                                             between requests is closed
        --upstream-connections N        [CAAS_UPSTREAM_CONNECTIONS] default 1000: the most upstream
                                                             connections of a pooling client (reactive)
        --extra-cpu DURATION            [CAAS_EXTRA_CPU]     default 0: TEST ONLY, CPU burnt on every
                                                             photo request (the regression gate's
                                                             injected regression, e.g. 1ms)
      """;

  /**
   * Parses a variant's command line for its {@code main}: prints the usage and exits on {@code
   * --help} (status 0) or on a wrong option (status 2, naming it).
   */
  public static VariantOptions fromCommandLine(String program, String[] args) {
    if (java.util.List.of(args).contains("--help") || java.util.List.of(args).contains("-h")) {
      System.out.println("Usage: " + program + " [options]\n" + USAGE);
      System.exit(0);
    }
    try {
      return parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(program + ": " + e.getMessage());
      System.exit(2);
      throw e;
    }
  }

  /**
   * Parses options; {@code --variant} also accepts a full variant name ({@code sync-gathered}).
   *
   * @throws IllegalArgumentException naming the option that is wrong or missing
   */
  public static VariantOptions parse(String[] args, Map<String, String> env) {
    var given = new LinkedHashMap<String, String>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + arg + "'\n" + USAGE);
      }
      String key = arg.substring(2);
      String value;
      int eq = key.indexOf('=');
      if (eq >= 0) {
        value = key.substring(eq + 1);
        key = key.substring(0, eq);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new IllegalArgumentException("option --" + key + " needs a value\n" + USAGE);
      }
      given.put(key, value);
    }
    var options = new Lookup(given, env);
    String composition = options.get("variant", "sequential");
    composition = composition.substring(composition.lastIndexOf('-') + 1);
    return new VariantOptions(
        Variant.Composition.parse(composition),
        options.get("host", "127.0.0.1"),
        options.integer("port", 8080),
        options.required("db-url"),
        options.get("db-user", "postgres"),
        options.get("db-password", "postgres"),
        URI.create(options.required("upstream-url")),
        options.integer("db-pool", 20),
        options.integer("server-threads", 32),
        options.integer("queue", 1000),
        parseDuration(options.get("deadline", "60s")),
        parseDuration(options.get("header-timeout", HEADER_TIMEOUT.toMillis() + "ms")),
        parseDuration(options.get("idle-timeout", IDLE_TIMEOUT.toMillis() + "ms")),
        options.integer("upstream-connections", UPSTREAM_CONNECTIONS),
        parseDuration(options.get("extra-cpu", "0ms")));
  }

  /** The same options with another database pool size. */
  public VariantOptions withDbPool(int size) {
    return copy(size, serverThreads, queue, upstreamUrl, headerTimeout, idleTimeout);
  }

  /** The same options with another bounded pool and queue (for models that have them). */
  public VariantOptions withServerThreads(int threads, int waiting) {
    return copy(dbPool, threads, waiting, upstreamUrl, headerTimeout, idleTimeout);
  }

  /** The same options with another upstream. */
  public VariantOptions withUpstream(URI url) {
    return copy(dbPool, serverThreads, queue, url, headerTimeout, idleTimeout);
  }

  /** The same options with other timeouts on the wire. */
  public VariantOptions withWireTimeouts(Duration header, Duration idle) {
    return copy(dbPool, serverThreads, queue, upstreamUrl, header, idle);
  }

  private VariantOptions copy(
      int pool, int threads, int waiting, URI upstream, Duration header, Duration idle) {
    return new VariantOptions(
        composition,
        host,
        port,
        dbUrl,
        dbUser,
        dbPassword,
        upstream,
        pool,
        threads,
        waiting,
        deadline,
        header,
        idle,
        upstreamConnections,
        extraCpu);
  }

  /** The same database for an R2DBC driver: {@code r2dbc:postgresql://host:port/db}. */
  public String r2dbcUrl() {
    if (!dbUrl.startsWith("jdbc:")) {
      throw new IllegalArgumentException("expected a JDBC URL, got " + dbUrl);
    }
    String rest = dbUrl.substring("jdbc:".length());
    int query = rest.indexOf('?');
    return "r2dbc:" + (query >= 0 ? rest.substring(0, query) : rest);
  }

  /**
   * Parses {@code 250ms}, {@code 0.25ms}, {@code 15s}, {@code 2m}, or a bare number of
   * milliseconds.
   */
  public static Duration parseDuration(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    try {
      if (t.endsWith("ms")) {
        // Fractions too: the gate's injected regression is a fraction of a millisecond, e.g.
        // 0.25ms.
        return Duration.ofNanos(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 2)) * 1_000_000));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 60_000));
      }
      return Duration.ofMillis(Long.parseLong(t));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "not a duration: '" + text + "' (try 100ms, 15s or 2m)", e);
    }
  }

  private record Lookup(Map<String, String> given, Map<String, String> env) {
    String get(String key, String fallback) {
      String value = given.get(key);
      if (value == null) {
        value = env.get("CAAS_" + key.toUpperCase(Locale.ROOT).replace('-', '_'));
      }
      return value == null || value.isBlank() ? fallback : value;
    }

    String required(String key) {
      String value = get(key, null);
      if (value == null) {
        throw new IllegalArgumentException("missing --" + key + "\n" + USAGE);
      }
      return value;
    }

    int integer(String key, int fallback) {
      String value = get(key, null);
      try {
        return value == null ? fallback : Integer.parseInt(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "--" + key + " wants a whole number, got '" + value + "'", e);
      }
    }
  }
}
