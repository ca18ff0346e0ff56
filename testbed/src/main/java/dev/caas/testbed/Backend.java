package dev.caas.testbed;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Where PostgreSQL and Toxiproxy come from. {@link #AUTO} takes containers when a Docker engine
 * answers and the embedded pair otherwise; the others force one.
 */
public enum Backend {
  /** Containers if Docker is reachable, else embedded. */
  AUTO,
  /**
   * zonky's embedded PostgreSQL binaries and our toxiproxy-embedded server, in this JVM's reach.
   */
  EMBEDDED,
  /** Testcontainers: a PostgreSQL container and the real Toxiproxy image, on one Docker network. */
  CONTAINERS,
  /** Whatever the user runs: a JDBC URL and a Toxiproxy API URL (e.g. {@code toxiproxy-server}). */
  EXTERNAL;

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Backend parse(String text) {
    return Arrays.stream(values())
        .filter(b -> b.wireName().equalsIgnoreCase(text.trim()))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown backend '"
                        + text
                        + "': expected one of "
                        + Arrays.stream(values())
                            .map(Backend::wireName)
                            .collect(Collectors.joining(", "))));
  }

  /** The backend {@link #AUTO} stands for, given whether a Docker engine answers. */
  public Backend resolve(boolean dockerAvailable) {
    if (this != AUTO) {
      return this;
    }
    return dockerAvailable ? CONTAINERS : EMBEDDED;
  }
}
