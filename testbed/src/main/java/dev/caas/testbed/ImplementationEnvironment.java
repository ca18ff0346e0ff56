package dev.caas.testbed;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment variables an implementation of the service, in any language, reads to find its
 * dependencies and its port. The Java variants already read {@code CAAS_UPSTREAM_URL}, {@code
 * CAAS_DB_URL}, {@code CAAS_DB_USER}, {@code CAAS_DB_PASSWORD}, {@code CAAS_HOST} and {@code
 * CAAS_PORT} ({@code dev.caas.contract.VariantOptions}); the database's parts are spelled out too,
 * for drivers that take no JDBC URL.
 */
public final class ImplementationEnvironment {
  /** The dog upstream, through the {@code upstream} proxy, e.g. {@code http://127.0.0.1:41234}. */
  public static final String UPSTREAM_URL = "CAAS_UPSTREAM_URL";

  /** The database as a JDBC URL, through the {@code postgres} proxy. */
  public static final String DB_URL = "CAAS_DB_URL";

  public static final String DB_HOST = "CAAS_DB_HOST";
  public static final String DB_PORT = "CAAS_DB_PORT";
  public static final String DB_NAME = "CAAS_DB_NAME";
  public static final String DB_USER = "CAAS_DB_USER";
  public static final String DB_PASSWORD = "CAAS_DB_PASSWORD";

  /** The address the implementation listens on. */
  public static final String HOST = "CAAS_HOST";

  /** The port the implementation listens on. */
  public static final String PORT = "CAAS_PORT";

  /** The Toxiproxy API, for tools that inject latency themselves. */
  public static final String TOXIPROXY_URL = "CAAS_TOXIPROXY_URL";

  /** The port an implementation is told to take unless the user picks another. */
  static final int DEFAULT_PORT = 8080;

  private ImplementationEnvironment() {}

  /** Every variable, in a stable order, with its value for {@code testbed}. */
  public static Map<String, String> of(Testbed testbed) {
    URI database = URI.create("//" + testbed.postgresProxyAddress());
    var variables = new LinkedHashMap<String, String>();
    variables.put(UPSTREAM_URL, testbed.upstreamUrl().toString());
    variables.put(DB_URL, testbed.jdbcUrl());
    variables.put(DB_HOST, database.getHost());
    variables.put(DB_PORT, String.valueOf(database.getPort()));
    variables.put(DB_NAME, testbed.databaseName());
    variables.put(DB_USER, testbed.dbUser());
    variables.put(DB_PASSWORD, testbed.dbPassword());
    variables.put(HOST, TestbedOptions.LOOPBACK);
    variables.put(PORT, String.valueOf(DEFAULT_PORT));
    variables.put(TOXIPROXY_URL, testbed.toxiproxyApiUrl());
    return variables;
  }
}
