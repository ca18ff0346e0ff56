package dev.caas.conform;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The parts of the contract conform checks, each one of the testkit's suites. */
public enum Area {
  SERVICE(
      SubjectSuites.Service.class,
      "the photo, its headers, Server-Timing, billing once, /health, bad upstream answers"),
  SHAPE(SubjectSuites.Shape.class, "each step one round trip at L = 100 ms: 3L or 2L"),
  FAULTS(SubjectSuites.Faults.class, "faults answered within the deadline, healed without a trace"),
  ABUSE(SubjectSuites.Abuse.class, "clients that leave, hostile upstreams, malformed requests");

  private final Class<?> suite;
  private final String checks;

  Area(Class<?> suite, String checks) {
    this.suite = suite;
    this.checks = checks;
  }

  /** The suite class that checks this area. */
  Class<?> suite() {
    return suite;
  }

  /** What the area checks, in a table's words. */
  public String checks() {
    return checks;
  }

  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Area parse(String text) {
    return Arrays.stream(values())
        .filter(area -> area.wireName().equals(text.trim().toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "no contract area '" + text + "'; the areas are " + names()));
  }

  /** The area a suite class belongs to. */
  static Area ofSuite(String className) {
    return Arrays.stream(values())
        .filter(area -> area.suite.getName().equals(className))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("not a conform suite: " + className));
  }

  public static String names() {
    return Arrays.stream(values()).map(Area::wireName).collect(Collectors.joining(", "));
  }
}
