package dev.caas.toxiproxy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link ToxiproxyServer} as a program, in place of {@code toxiproxy-server}. Prints the API
 * URL on its own line once the API is up, then runs until the process is killed.
 */
public final class ToxiproxyMain {

  private static final String USAGE =
      """
            Usage: toxiproxy-embedded [--host HOST] [--port PORT]
              --host HOST   address for the control API (default 127.0.0.1)
              --port PORT   port for the control API, 0 for any free port (default 8474)
              --dial-from ADDR[,ADDR...]
                            local addresses proxies dial their upstreams from, in turn
                            (default: the kernel chooses); each adds ~28,000 ports
              --help        show this help
            """;

  private ToxiproxyMain() {}

  public static void main(String[] args) {
    String host = "127.0.0.1";
    int port = 8474;
    List<InetAddress> dialFrom = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
      String option = value != null ? arg.substring(0, arg.indexOf('=')) : arg;
      if (option.equals("--help") || option.equals("-h")) {
        System.out.print(USAGE);
        return;
      }
      if (value == null
          && i + 1 < args.length
          && (option.equals("--host") || option.equals("--port") || option.equals("--dial-from"))) {
        value = args[++i];
      }
      switch (option) {
        case "--host" -> host = requireValue(option, value);
        case "--port" -> port = parsePort(requireValue(option, value));
        case "--dial-from" -> dialFrom.addAll(parseAddresses(requireValue(option, value)));
        default -> fail("unknown option " + arg);
      }
    }
    ToxiproxyServer server;
    try {
      server = ToxiproxyServer.start(host, port, dialFrom);
    } catch (IOException e) {
      System.err.println(
          "toxiproxy-embedded: cannot listen on " + host + ":" + port + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "toxiproxy-shutdown"));
    System.out.println(server.apiUrl());
    System.out.flush();
    try {
      new CountDownLatch(1).await(); // until killed; the shutdown hook closes the server
    } catch (InterruptedException e) {
      server.close();
      Thread.currentThread().interrupt();
    }
  }

  private static List<InetAddress> parseAddresses(String text) {
    List<InetAddress> addresses = new ArrayList<>();
    for (String address : text.split(",")) {
      try {
        addresses.add(InetAddress.getByName(address.trim()));
      } catch (UnknownHostException e) {
        fail("--dial-from: unknown address " + address);
      }
    }
    return addresses;
  }

  private static String requireValue(String option, String value) {
    if (value == null || value.isEmpty()) {
      fail(option + " needs a value");
    }
    return value;
  }

  private static int parsePort(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    fail("invalid port " + text);
    return -1;
  }

  private static void fail(String problem) {
    PrintStream err = System.err;
    err.println("toxiproxy-embedded: " + problem);
    err.print(USAGE);
    System.exit(2);
  }
}
