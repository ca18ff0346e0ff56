package dev.caas.testkit;

import java.net.URI;

/** A started variant: where it answers and how to stop it. */
public record RunningVariant(URI url, AutoCloseable stopper) implements AutoCloseable {
  /** A variant started on this host, answering on loopback at {@code port}. */
  public RunningVariant(int port, AutoCloseable stopper) {
    this(URI.create("http://127.0.0.1:" + port), stopper);
  }

  /** The port it answers on. */
  public int port() {
    return url.getPort();
  }

  @Override
  public void close() throws Exception {
    stopper.close();
  }
}
