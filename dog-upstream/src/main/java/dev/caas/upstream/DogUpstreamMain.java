package dev.caas.upstream;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the upstream on its own, as the harness does: {@code java -jar dog-upstream-all.jar --host
 * 127.0.0.1 --port 9000 --seed 42}. Once listening it prints {@code dog upstream listening on
 * http://HOST:PORT} on standard output, and it stops on Ctrl-C or SIGTERM.
 */
public final class DogUpstreamMain {
  static final String USAGE =
      """
      Usage: java -jar dog-upstream-all.jar [--host ADDRESS] [--port N] [--seed N]
        --host ADDRESS  the address to bind              default 127.0.0.1
        --port N        the port; 0 picks a free one     default 9000
        --seed N        decides the order of photos      default 42
        --help          this text
      Faults: PUT /admin/fault/{name} with name one of
        %s
      """
          .formatted(UpstreamFault.names());

  private DogUpstreamMain() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(USAGE);
      return;
    }
    DogUpstream upstream = DogUpstream.start(options.host(), options.port(), options.seed());
    Runtime.getRuntime().addShutdownHook(new Thread(upstream::close, "dog-upstream-shutdown"));
    System.out.println("dog upstream listening on " + upstream.url());
    System.out.flush();
    // The server runs on virtual threads, which never keep a JVM alive: wait here until killed.
    new CountDownLatch(1).await();
  }

  /** The command line; {@code --port 9000} and {@code --port=9000} both work. */
  record Options(String host, int port, long seed, boolean help) {
    static Options parse(String[] args) {
      String host = "127.0.0.1";
      int port = 9000;
      long seed = 42;
      for (int i = 0; i < args.length; i++) {
        String option = args[i];
        if (option.equals("--help") || option.equals("-h")) {
          return new Options(host, port, seed, true);
        }
        String value;
        int equals = option.indexOf('=');
        if (equals > 0) {
          value = option.substring(equals + 1);
          option = option.substring(0, equals);
        } else if (i + 1 < args.length) {
          value = args[++i];
        } else {
          throw new IllegalArgumentException("option " + option + " needs a value");
        }
        switch (option) {
          case "--host" -> host = value;
          case "--port" -> port = portNumber(value);
          case "--seed" -> seed = wholeNumber("--seed", value);
          default -> throw new IllegalArgumentException("unknown option " + option);
        }
      }
      return new Options(host, port, seed, false);
    }

    private static int portNumber(String value) {
      long port = wholeNumber("--port", value);
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("--port wants 0-65535, got " + port);
      }
      return (int) port;
    }

    private static long wholeNumber(String option, String value) {
      try {
        return Long.parseLong(value.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            option + " wants a whole number, got '" + value + "'", e);
      }
    }
  }
}
