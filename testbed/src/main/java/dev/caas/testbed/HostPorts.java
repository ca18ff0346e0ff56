package dev.caas.testbed;

/** Toxiproxy's {@code host:port} strings. */
final class HostPorts {
  private HostPorts() {}

  /** {@code host:0}, with an IPv6 address in brackets: "any free port on this address". */
  static String anyPortOn(String host) {
    return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":0";
  }
}
