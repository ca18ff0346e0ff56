package dev.caas.testbed;

import java.util.List;
import java.util.stream.IntStream;

/**
 * How to start a {@link Testbed}.
 *
 * @param backend where PostgreSQL and Toxiproxy come from
 * @param jdbcUrl for {@link Backend#EXTERNAL}: the database, reached directly (the testbed puts a
 *     proxy in front)
 * @param dbUser for {@link Backend#EXTERNAL}
 * @param dbPassword for {@link Backend#EXTERNAL}
 * @param toxiproxyUrl for {@link Backend#EXTERNAL}: a Toxiproxy API, e.g. {@code
 *     http://127.0.0.1:8474}, on this machine (its proxies must reach the upstream that the testbed
 *     starts on loopback)
 * @param processes whether the embedded Toxiproxy and the dog upstream run in this JVM (the
 *     default) or in child JVMs of their own
 * @param proxySourceAddresses for the embedded Toxiproxy: the local addresses it dials the upstream
 *     from, in turn, each with its own ~28,000 ephemeral ports; empty lets the kernel choose
 * @param listenAddress where the proxies (and the embedded Toxiproxy's API) listen: loopback by
 *     default; another address makes them reachable from that network, without authentication
 */
public record TestbedOptions(
    Backend backend,
    String jdbcUrl,
    String dbUser,
    String dbPassword,
    String toxiproxyUrl,
    ProcessLayout processes,
    List<String> proxySourceAddresses,
    String listenAddress) {

  /** Where everything listens unless told otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  public TestbedOptions {
    if (backend == Backend.EXTERNAL && (jdbcUrl == null || toxiproxyUrl == null)) {
      throw new IllegalArgumentException(
          "the external backend needs a JDBC URL (--db-url) and a Toxiproxy API URL (--toxiproxy-url)");
    }
    if (backend == Backend.EXTERNAL && !jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "expected a JDBC URL like jdbc:postgresql://host:5432/db, got " + jdbcUrl);
    }
    processes = processes == null ? ProcessLayout.IN_PROCESS : processes;
    proxySourceAddresses =
        proxySourceAddresses == null ? List.of() : List.copyOf(proxySourceAddresses);
    listenAddress = listenAddress == null || listenAddress.isBlank() ? LOOPBACK : listenAddress;
  }

  /** In this JVM, the kernel's choice of source address, on loopback: the defaults. */
  public TestbedOptions(
      Backend backend, String jdbcUrl, String dbUser, String dbPassword, String toxiproxyUrl) {
    this(backend, jdbcUrl, dbUser, dbPassword, toxiproxyUrl, null, null, null);
  }

  /** Containers where Docker answers, else embedded. */
  public static TestbedOptions auto() {
    return of(Backend.AUTO);
  }

  public static TestbedOptions of(Backend backend) {
    return new TestbedOptions(backend, null, "postgres", "postgres", null, null, null, null);
  }

  public static TestbedOptions external(
      String jdbcUrl, String dbUser, String dbPassword, String toxiproxyUrl) {
    return new TestbedOptions(
        Backend.EXTERNAL, jdbcUrl, dbUser, dbPassword, toxiproxyUrl, null, null, null);
  }

  /** The same options with the proxy and the upstream in this JVM or in processes of their own. */
  public TestbedOptions withProcesses(ProcessLayout layout) {
    return withRig(layout, proxySourceAddresses, listenAddress);
  }

  /** The same options with the embedded proxy dialling the upstream from these addresses. */
  public TestbedOptions withProxySourceAddresses(List<String> addresses) {
    return withRig(processes, addresses, listenAddress);
  }

  /** The same options with the proxies listening on {@code address}. */
  public TestbedOptions withListenAddress(String address) {
    return withRig(processes, proxySourceAddresses, address);
  }

  private TestbedOptions withRig(ProcessLayout layout, List<String> sources, String listen) {
    return new TestbedOptions(
        backend, jdbcUrl, dbUser, dbPassword, toxiproxyUrl, layout, sources, listen);
  }

  /**
   * {@code count} loopback addresses from 127.0.0.1 on: 127.0.0.1, 127.0.0.2, … (Linux routes all
   * of 127/8 to lo).
   */
  public static List<String> loopbackAddresses(int count) {
    if (count < 1 || count > 254) {
      throw new IllegalArgumentException("between 1 and 254 loopback addresses, not " + count);
    }
    return IntStream.rangeClosed(1, count).mapToObj(i -> "127.0.0." + i).toList();
  }
}
