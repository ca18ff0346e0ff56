package dev.caas.upstream;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which photo each {@code GET /dog} gets. The n-th request's photo is a pure function of the seed
 * and n, so two runs with the same seed serve the same photos in the same order, and concurrent
 * requests need nothing more than a counter to agree on who is n-th.
 */
final class PhotoSequence {
  /** The golden-ratio increment of SplitMix64, which spreads consecutive n over the whole range. */
  private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

  private final long seed;
  private final List<String> filenames;
  private final AtomicLong requestNumber = new AtomicLong();

  PhotoSequence(long seed, List<String> filenames) {
    if (filenames.isEmpty()) {
      throw new IllegalArgumentException("no photos to choose from");
    }
    this.seed = seed;
    this.filenames = List.copyOf(filenames);
  }

  String next() {
    return filenameAt(requestNumber.getAndIncrement());
  }

  /** The photo of the n-th request (from 0). */
  String filenameAt(long n) {
    return filenames.get(
        (int) Math.floorMod(mix(seed + n * GOLDEN_GAMMA), (long) filenames.size()));
  }

  /**
   * SplitMix64's finaliser (as in {@link java.util.SplittableRandom}): every input bit moves every
   * output bit.
   */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
