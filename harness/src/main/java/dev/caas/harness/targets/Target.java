package dev.caas.harness.targets;

import java.net.URI;

/**
 * An implementation the harness measures but did not start: where it answers, and the name its rows
 * carry.
 *
 * @param url where it answers, e.g. {@code http://198.18.0.2:8080}
 * @param name its name in the report; {@code null} until {@code /health} or the user says it
 */
public record Target(URI url, String name) {

  /** Parses {@code URL[=NAME]}, e.g. {@code http://127.0.0.1:8081=flask}. */
  public static Target parse(String text) {
    int equals = text.indexOf('=');
    String url = equals >= 0 ? text.substring(0, equals).trim() : text.trim();
    String name = equals >= 0 ? text.substring(equals + 1).trim() : null;
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException notAUri) {
      uri = null;
    }
    if (uri == null || !"http".equals(uri.getScheme()) || uri.getHost() == null) {
      throw new IllegalArgumentException(
          "expected --target http://HOST:PORT[=NAME], got '" + text + "'");
    }
    return new Target(uri, name == null || name.isEmpty() ? null : name);
  }

  /** The same target, named {@code name} unless the user named it already. */
  Target namedIfUnnamed(String name) {
    return this.name != null ? this : new Target(url, name);
  }

  /** Its name, or its address while it has none. */
  public String label() {
    return name != null ? name : url.getAuthority();
  }
}
