package dev.caas.toxiproxy;

import java.net.InetSocketAddress;

/** A {@code host:port} address as the API writes it ({@code [v6]:port} for IPv6 literals). */
record HostPort(String host, int port) {

  private static final String LOOPBACK = "127.0.0.1";

  /**
   * Parses {@code host:port}. An empty text or an empty host means loopback: Toxiproxy would bind
   * every interface there, but a test tool should not open ports to the network by accident.
   */
  static HostPort parse(String text) {
    if (text == null || text.isBlank()) {
      return new HostPort(LOOPBACK, 0);
    }
    int colon = text.lastIndexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("address " + text + ": missing port in address");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("address " + text + ": invalid port", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("address " + text + ": invalid port");
    }
    return new HostPort(host.isEmpty() ? LOOPBACK : host, port);
  }

  /** The address actually bound, written with the numeric host as Toxiproxy reports it. */
  static HostPort of(InetSocketAddress bound) {
    return new HostPort(bound.getAddress().getHostAddress(), bound.getPort());
  }

  /** Resolves the host now, so a name that moved resolves afresh on each use. */
  InetSocketAddress resolve() {
    return new InetSocketAddress(host, port);
  }

  @Override
  public String toString() {
    // Only IPv6 literals contain a colon; they need brackets to keep the port readable.
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
  }
}
