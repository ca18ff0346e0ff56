package dev.caas.upstream;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The ways the upstream can misbehave on {@code GET /dog}, one at a time, so reliability tests can
 * show what a variant does with a bad answer. Every fault except {@link #NOT_JPEG} still sends a
 * real JPEG body: only the named part of the answer is wrong. {@code GET /dog/{filename}} always
 * answers truthfully, so a test can fetch the true photo while a fault is on.
 */
public enum UpstreamFault {
  /** A JPEG with its true {@code X-Filename}. */
  NONE(null),
  /** A JPEG without any {@code X-Filename} header. */
  MISSING_FILENAME(null),
  /**
   * A filename with double quotes, which would end a quoted {@code Content-Disposition} filename
   * early.
   */
  QUOTED_FILENAME("say-\"cheese\".jpg"),
  /**
   * An attempted header injection. The JDK's server refuses a CR or LF in a header value unless CR
   * LF is followed by a space or tab (the obsolete "line folding" of RFC 7230 §3.2.4), so this is
   * what is sent, byte for byte: {@code X-Filename: crlf.jpg CR LF SP X-Injected: true CR LF}. A
   * client that splits lines on CR LF and trims them sees a second header, {@code X-Injected:
   * true}; java.net.http unfolds it into the value {@code "crlf.jpg X-Injected: true"}; strict
   * parsers (Jetty's default compliance) reject the response. Every one of those must end as a 502,
   * never as a forwarded header.
   */
  CRLF_FILENAME("crlf.jpg\r\n X-Injected: true"),
  /** A path that climbs out of any directory the filename is joined to. */
  TRAVERSAL_FILENAME("../../etc/passwd.jpg"),
  /**
   * A filename that ends a quoted SQL string and drops a table, for code that builds SQL by
   * concatenation.
   */
  SQL_FILENAME("x.jpg'; DROP TABLE dog;--"),
  /**
   * A well-formed filename the database has never heard of: valid by shape, so only the lookup can
   * tell.
   */
  UNKNOWN_FILENAME("unknown-99.jpg"),
  /**
   * Status 200 with {@code Content-Type: text/html} and an HTML page (and a true {@code
   * X-Filename}).
   */
  NOT_JPEG(null),
  /**
   * A 20 MiB body, chunked so no {@code Content-Length} warns the client: it must count while
   * reading. It starts with a real JPEG and continues with zeros, streamed from a small buffer,
   * never held in memory.
   */
  OVERSIZED(null),
  /**
   * The true photo, trickled out in small pieces with pauses, so the whole body takes about five
   * seconds.
   */
  SLOW_DRIP(null);

  private final String badFilename;

  UpstreamFault(String badFilename) {
    this.badFilename = badFilename;
  }

  /**
   * The {@code X-Filename} value this fault sends instead of the photo's true one, or {@code null}
   * to send no header at all.
   */
  String filenameHeader(String trueFilename) {
    if (this == MISSING_FILENAME) {
      return null;
    }
    return badFilename != null ? badFilename : trueFilename;
  }

  /** Parses {@code slow_drip}, {@code SLOW_DRIP} or {@code slow-drip}. */
  public static UpstreamFault parse(String name) {
    String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    return Arrays.stream(values())
        .filter(fault -> fault.name().equals(normalized))
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown fault '" + name + "': expected one of " + names()));
  }

  static String names() {
    return Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));
  }
}
