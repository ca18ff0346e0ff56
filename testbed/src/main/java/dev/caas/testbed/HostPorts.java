package dev.caas.testbed;

/** Toxiproxy's {@code host:port} strings and the host part of a URL. */
final class HostPorts {
  private HostPorts() {}

  /** {@code host:0}, with an IPv6 address in brackets: "any free port on this address". */
  static String anyPortOn(String host) {
    return uriHost(host) + ":0";
  }

  /** The host as a URL or a {@code host:port} string writes it: an IPv6 address in brackets. */
  static String uriHost(String host) {
    return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
  }
}
