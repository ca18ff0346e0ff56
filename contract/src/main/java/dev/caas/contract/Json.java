package dev.caas.contract;

import java.util.Map;
import java.util.StringJoiner;

/** Just enough JSON writing for the contract's small bodies, so this module needs no library. */
public final class Json {
  private Json() {}

  /**
   * A JSON string literal, or {@code null}. Control characters are escaped, so no value can break a
   * line.
   */
  public static String string(String value) {
    if (value == null) {
      return "null";
    }
    var out = new StringBuilder(value.length() + 2).append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /** A flat JSON object of string keys and number values, in the map's order. */
  public static String numbers(Map<String, ? extends Number> values) {
    var out = new StringJoiner(",", "{", "}");
    values.forEach((key, value) -> out.add(string(key) + ":" + value));
    return out.toString();
  }
}
