package dev.caas.testkit;

/** A started variant: where it listens and how to stop it. */
public record RunningVariant(int port, AutoCloseable stopper) implements AutoCloseable {
  @Override
  public void close() throws Exception {
    stopper.close();
  }
}
