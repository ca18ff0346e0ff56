package dev.caas.testbed;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * The injected latency of one proxy: a single {@code latency} toxic on the downstream stream
 * (server to client), replaced whenever the latency changes. Downstream only, so a round trip pays
 * the delay once.
 */
final class LatencyToxics {
  static final String TOXIC_NAME = "caas-latency";

  private LatencyToxics() {}

  static void set(Proxy proxy, Duration latency, Duration jitter) {
    try {
      remove(proxy);
      if (!latency.isZero() || !jitter.isZero()) {
        Latency toxic =
            proxy.toxics().latency(TOXIC_NAME, ToxicDirection.DOWNSTREAM, latency.toMillis());
        if (!jitter.isZero()) {
          toxic.setJitter(jitter.toMillis());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not set latency on proxy " + proxy.getName(), e);
    }
  }

  private static void remove(Proxy proxy) throws IOException {
    for (var toxic : proxy.toxics().getAll()) {
      if (toxic.getName().equals(TOXIC_NAME)) {
        toxic.remove();
      }
    }
  }
}
