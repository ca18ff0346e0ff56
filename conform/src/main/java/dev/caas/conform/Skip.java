package dev.caas.conform;

/**
 * A part of the contract an implementation declares it does not keep: a whole {@link Area}, or the
 * tests of an area whose method name starts with {@link #test} (or whose parameter is named so,
 * such as a fault).
 *
 * @param area the contract area
 * @param test a test's method name or its prefix, or a parameter's name; empty for the whole area
 * @param reason why, as the implementation states it
 */
public record Skip(Area area, String test, String reason) {
  /** Parses {@code AREA[/TEST][=REASON]}, e.g. {@code abuse/a_client_that_leaves=Hypercorn}. */
  public static Skip parse(String text) {
    String reason = "declared by the implementation";
    int equals = text.indexOf('=');
    if (equals >= 0) {
      reason = text.substring(equals + 1).trim();
      text = text.substring(0, equals);
    }
    int slash = text.indexOf('/');
    String test = slash >= 0 ? text.substring(slash + 1).trim() : "";
    Area area = Area.parse(slash >= 0 ? text.substring(0, slash) : text);
    return new Skip(area, test, reason);
  }

  /**
   * Whether this skip covers a test of {@code area} named {@code method} (shown as {@code
   * display}).
   */
  boolean covers(Area area, String method, String display) {
    return this.area == area
        && (test.isEmpty()
            || (method != null && method.startsWith(test))
            || (display != null && display.contains(test)));
  }

  @Override
  public String toString() {
    return area.wireName() + (test.isEmpty() ? "" : "/" + test) + ": " + reason;
  }
}
