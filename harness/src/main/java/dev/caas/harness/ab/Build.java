package dev.caas.harness.ab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * One side of an A/B run: a build of the project, as a folder of its jars, and the test-only CPU
 * its variant burns per request.
 *
 * @param name {@code base} or {@code head}
 * @param jars the folder of the build's jars ({@code --base-jars}, {@code --head-jars}), or its
 *     project root
 * @param extraCpu zero for a real build; the gate's own benchmark gives the head a spin ({@code
 *     --head-extra-cpu 1ms}) to see whether the gate notices
 */
public record Build(String name, Path jars, Duration extraCpu) {

  /** The variant's extra options for this build: none, or {@code --extra-cpu 1.000ms}. */
  public List<String> variantOptions() {
    return extraCpu.isZero()
        ? List.of()
        : List.of("--extra-cpu", String.format(Locale.ROOT, "%.3fms", extraCpu.toNanos() / 1e6));
  }
}
