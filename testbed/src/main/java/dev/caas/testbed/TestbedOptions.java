package dev.caas.testbed;

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
 */
public record TestbedOptions(
    Backend backend, String jdbcUrl, String dbUser, String dbPassword, String toxiproxyUrl) {

  public TestbedOptions {
    if (backend == Backend.EXTERNAL && (jdbcUrl == null || toxiproxyUrl == null)) {
      throw new IllegalArgumentException(
          "the external backend needs a JDBC URL (--db-url) and a Toxiproxy API URL (--toxiproxy-url)");
    }
    if (backend == Backend.EXTERNAL && !jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException(
          "expected a JDBC URL like jdbc:postgresql://host:5432/db, got " + jdbcUrl);
    }
  }

  /** Containers where Docker answers, else embedded. */
  public static TestbedOptions auto() {
    return of(Backend.AUTO);
  }

  public static TestbedOptions of(Backend backend) {
    return new TestbedOptions(backend, null, "postgres", "postgres", null);
  }

  public static TestbedOptions external(
      String jdbcUrl, String dbUser, String dbPassword, String toxiproxyUrl) {
    return new TestbedOptions(Backend.EXTERNAL, jdbcUrl, dbUser, dbPassword, toxiproxyUrl);
  }
}
