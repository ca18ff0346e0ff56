package dev.caas.toxiproxy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The local addresses proxies dial their upstreams from, taken in turn. Each outgoing connection
 * takes an ephemeral port of its source address, about 28,000 per address on Linux; dialling from
 * 127.0.0.1, 127.0.0.2, … multiplies that, for runs that hold more connections than one address has
 * ports. Empty means the kernel chooses, as Toxiproxy does.
 */
final class DialSources {
  static final DialSources KERNEL_CHOOSES = new DialSources(List.of());

  private final List<InetAddress> addresses;
  private final AtomicInteger next = new AtomicInteger();

  DialSources(List<InetAddress> addresses) {
    this.addresses = List.copyOf(addresses);
  }

  /** Binds {@code socket} to the next source address, if there are any, before it connects. */
  void bindNext(Socket socket) throws IOException {
    if (addresses.isEmpty()) {
      return;
    }
    InetAddress source = addresses.get(Math.floorMod(next.getAndIncrement(), addresses.size()));
    socket.bind(new InetSocketAddress(source, 0));
  }

  List<InetAddress> addresses() {
    return addresses;
  }
}
