package dev.caas.conform;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.caas.testkit.Subject;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.engine.JupiterTestEngine;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * One conform run: the chosen areas' suites against one subject, through the JUnit Platform
 * launcher, with the declared skips; the verdict is a {@link ConformanceTable}.
 *
 * @param subject what is checked and how to start it
 * @param areas the contract areas to check
 * @param skips what the subject declares it does not keep
 */
public record Conformance(Subject subject, Set<Area> areas, List<Skip> skips) {
  private static Conformance current;

  /** The run in progress: the suites JUnit creates find their subject here. */
  static synchronized Conformance current() {
    if (current == null) {
      throw new IllegalStateException("no conform run in progress");
    }
    return current;
  }

  /** Runs the suites, printing each test's progress to {@code progress}; one run at a time. */
  public ConformanceTable run(PrintStream progress) {
    synchronized (Conformance.class) {
      current = this;
      try {
        var table = new ConformanceTable(subject, areas, progress);
        LauncherDiscoveryRequest request =
            LauncherDiscoveryRequestBuilder.request()
                .selectors(areas.stream().map(area -> selectClass(area.suite())).toList())
                .build();
        // The engine is named, not found through ServiceLoader: a shaded jar (the harness's) may
        // not carry the service files.
        var config =
            LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .addTestEngines(new JupiterTestEngine())
                .build();
        LauncherFactory.create(config).execute(request, table);
        return table;
      } finally {
        current = null;
      }
    }
  }
}
