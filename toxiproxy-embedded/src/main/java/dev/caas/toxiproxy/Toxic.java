package dev.caas.toxiproxy;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A toxic's configuration: its type and attributes, immutable. The record components are the
 * attributes exactly as the API spells them, so Jackson reads and writes them directly. Running
 * state lives in the {@link Stage} each link starts from it.
 */
sealed interface Toxic
    permits LatencyToxic,
        BandwidthToxic,
        SlowCloseToxic,
        TimeoutToxic,
        ResetPeerToxic,
        SlicerToxic,
        LimitDataToxic {

  /** Toxiproxy's type names and the record that holds each type's attributes. */
  Map<String, Class<? extends Toxic>> TYPES =
      Map.of(
          "latency", LatencyToxic.class,
          "bandwidth", BandwidthToxic.class,
          "slow_close", SlowCloseToxic.class,
          "timeout", TimeoutToxic.class,
          "reset_peer", ResetPeerToxic.class,
          "slicer", SlicerToxic.class,
          "limit_data", LimitDataToxic.class);

  /** The API's {@code type} for this toxic. */
  @JsonIgnore
  String type();

  /** Starts this toxic on one link; called when the link first sees it. */
  Stage start(long nowNanos);

  static long millisToNanos(long millis) {
    return TimeUnit.MILLISECONDS.toNanos(Math.max(0, millis));
  }
}
