package dev.caas.testbed;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port for a process about to be started to listen on: free now, and below the ephemeral range.
 *
 * <p>Outgoing connections take their local ports from the ephemeral range ({@code
 * ip_local_port_range}, 32768–60999 here). A port the kernel hands out as "any free one" is in that
 * range too, so on a machine where other benchmarks hold thousands of connections it is often taken
 * by one of them between our closing it and the started process binding it ("Address already in
 * use", seen on the shared machine for a variant and for a conformance launch). Below the range
 * only listeners compete.
 */
public final class ListeningPorts {
  /** Where a free port is looked for: from here up to the ephemeral range. */
  public static final int LOWEST_PORT = 10_000;

  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  private ListeningPorts() {}

  /** A port free now on {@code host}, below the ephemeral range when one can be found there. */
  public static int freeBelowEphemeral(String host) {
    int ceiling = lowestEphemeralPort(EPHEMERAL_RANGE);
    var random = ThreadLocalRandom.current();
    for (int tries = 0; tries < 50 && ceiling > LOWEST_PORT; tries++) {
      int port = random.nextInt(LOWEST_PORT, ceiling);
      try (var socket = new ServerSocket()) {
        socket.setReuseAddress(false);
        socket.bind(new InetSocketAddress(host, port));
        return port;
      } catch (IOException taken) {
        // a server of someone else's has it: another
      }
    }
    try (var socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(host, 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on " + host, e);
    }
  }

  /** The first port of Linux's {@code ip_local_port_range} ("32768\t60999"); 32768 if unread. */
  public static int lowestEphemeralPort(Path range) {
    try {
      // Line by line: Files.readString trusts the size /proc reports and returned "3" (JDK 25).
      return Integer.parseInt(Files.readAllLines(range).getFirst().strip().split("\\s+")[0]);
    } catch (IOException | RuntimeException unreadable) {
      return 32_768;
    }
  }
}
