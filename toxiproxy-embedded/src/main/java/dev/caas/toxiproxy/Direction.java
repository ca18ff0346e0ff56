package dev.caas.toxiproxy;

import java.util.Locale;

/** Which way bytes flow through a connection, in Toxiproxy's words. */
enum Direction {
  /** From the client to the upstream server. */
  UPSTREAM,
  /** From the upstream server back to the client; Toxiproxy's default for toxics. */
  DOWNSTREAM;

  /** The name used in the API's {@code stream} field. */
  String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Direction parse(String stream) throws ApiException {
    return switch (stream.toLowerCase(Locale.ROOT)) {
      case "upstream" -> UPSTREAM;
      case "downstream" -> DOWNSTREAM;
      default -> throw ApiException.invalidStream();
    };
  }
}
