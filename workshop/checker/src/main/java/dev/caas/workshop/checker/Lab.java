package dev.caas.workshop.checker;

import dev.caas.contract.Variant;
import dev.caas.harness.bench.Bench;
import dev.caas.harness.bench.BenchConfig;
import dev.caas.harness.bench.BenchReport;
import dev.caas.harness.bench.NotRun;
import dev.caas.harness.report.ReportFiles;
import dev.caas.harness.text.Progress;
import dev.caas.harness.variant.VariantJars;
import dev.caas.harness.variant.VariantProcess;
import dev.caas.testbed.Testbed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Where exercises are graded: one testbed (PostgreSQL, the proxies, the dog upstream) and the
 * harness's own bench, pointed at any jar as if it were a variant's. What {@code caas bench}
 * measures and reports about the real variants, the checker measures and reports about the
 * attendee's.
 *
 * <p>The bench finds a variant's jar by its module's name ({@code sync-impl-VERSION-all.jar}) in a
 * folder of jars; the lab gives it a folder of its own per run, holding a link under that name to
 * the jar graded.
 */
public final class Lab implements AutoCloseable {
  /**
   * The checker grades shapes, not peak speed: a quick JIT and a small collector leave the two
   * cores of a workshop laptop to the testbed and the load, and start the variant sooner.
   */
  static final List<String> VARIANT_JVM = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

  private final Testbed testbed;
  private final boolean ownsTestbed;
  private final Path workFolder;
  private final Path reportFolder;
  private final Progress progress;
  private final List<Path> reportsWritten = new ArrayList<>();

  private Lab(
      Testbed testbed, boolean ownsTestbed, Path workFolder, Path reportFolder, Progress progress) {
    this.testbed = testbed;
    this.ownsTestbed = ownsTestbed;
    this.workFolder = workFolder;
    this.reportFolder = reportFolder;
    this.progress = progress;
  }

  /**
   * Starts a testbed of its own, closed with the lab.
   *
   * @param workFolder where the jar links and the variants' logs go
   * @param reportFolder where each run's report files go ({@code caas bench --out}), or {@code
   *     null}
   */
  public static Lab start(Path workFolder, Path reportFolder, Progress progress)
      throws IOException {
    return new Lab(Testbed.start(), true, workFolder, reportFolder, progress);
  }

  /** On a testbed the caller owns (tests share one). */
  public static Lab on(Testbed testbed, Path workFolder, Progress progress) {
    return new Lab(testbed, false, workFolder, null, progress);
  }

  /**
   * The project version, which the jars' names carry: the harness's own, since the checker is built
   * in the same reactor and always runs on the harness's class path.
   */
  public static String version() {
    return VariantJars.harnessVersion();
  }

  /**
   * A run that did not happen: the jar did not start, or the bench failed; the reason quotes the
   * log.
   */
  public static final class NotMeasured extends Exception {
    NotMeasured(String message) {
      super(message);
    }
  }

  /**
   * Runs the bench on {@code jar} as {@code variant}: a fresh JVM, warmed up at no latency,
   * measured with the settings given, its billing reconciled.
   *
   * @param label names the run's folder (and its report folder): {@code gather-threads}, {@code
   *     pool-4}
   * @param settings on top of a closed loop for this variant only, with its jar required
   * @param watcher told the bench's progress as well (a thread sampler starts when measuring does)
   */
  public BenchReport bench(
      String label,
      Path jar,
      Variant variant,
      Consumer<BenchConfig.Builder> settings,
      Progress watcher)
      throws IOException, NotMeasured {
    Path folder = workFolder.resolve(label);
    Files.createDirectories(folder);
    var jars = new VariantJars(folder, false, version());
    link(jars.jarFor(variant), jar);
    var config =
        BenchConfig.builder().variants(variant).requireJars(true).jars(folder).jvmArgs(VARIANT_JVM);
    settings.accept(config);
    // The console names the jar graded, not the link the bench starts it by.
    Progress console =
        Progresses.naming(
            progress, jars.jarFor(variant).getFileName().toString(), jar.getFileName().toString());
    BenchReport report =
        new Bench(config.build(), jars, Progresses.both(console, watcher)).run(testbed);
    if (reportFolder != null) {
      ReportFiles.write(report, reportFolder.resolve(label));
      reportsWritten.add(reportFolder.resolve(label));
    }
    if (!report.notRun().isEmpty()) {
      throw new NotMeasured(
          report.notRun().stream().map(NotRun::reason).collect(Collectors.joining("; ")));
    }
    return report;
  }

  public BenchReport bench(
      String label, Path jar, Variant variant, Consumer<BenchConfig.Builder> settings)
      throws IOException, NotMeasured {
    return bench(label, jar, variant, settings, Progress.SILENT);
  }

  /**
   * {@code link} names {@code target}: a symbolic link, or a copy where the file system has none.
   */
  private static void link(Path link, Path target) throws IOException {
    Files.deleteIfExists(link);
    try {
      Files.createSymbolicLink(link, target.toAbsolutePath());
    } catch (UnsupportedOperationException | IOException noLinks) {
      Files.copy(target, link);
    }
  }

  /** How long a variant started for a probe may take to answer its {@code /health}. */
  private static final Duration READY = Duration.ofSeconds(90);

  /**
   * Starts {@code jar} as {@code variant} on the lab's testbed, at no latency, and waits until it
   * is ready: for a probe the bench does not make, such as one request read whole. The caller
   * closes it.
   *
   * @param deadline the request deadline the variant is started with
   */
  public VariantProcess launch(String label, Path jar, Variant variant, Duration deadline)
      throws IOException, NotMeasured {
    Path folder = workFolder.resolve(label);
    Files.createDirectories(folder);
    testbed.setLatency(Duration.ZERO, Duration.ZERO);
    var launch =
        new VariantProcess.Launch(
            variant,
            jar.toAbsolutePath(),
            Path.of(System.getProperty("java.home"), "bin", "java"),
            VARIANT_JVM,
            testbed.jdbcUrl(),
            testbed.dbUser(),
            testbed.dbPassword(),
            testbed.upstreamUrl(),
            null,
            null,
            null,
            deadline,
            null);
    VariantProcess process =
        VariantProcess.start(launch, folder.resolve(variant.wireName() + ".log"));
    try {
      process.awaitReady(READY);
      return process;
    } catch (RuntimeException notReady) {
      String tail = process.logTail(20);
      process.close();
      throw new NotMeasured(
          variant.wireName() + " did not start: " + notReady.getMessage() + "\n" + tail);
    }
  }

  /** Locks the {@code dog} table until closed, as the fault {@code dog-table-locked} does. */
  public AutoCloseable lockDogTable() {
    return testbed.lockDogTable();
  }

  /** The report folders written so far ({@code --out DIR}: {@code DIR/LABEL}), in order. */
  public List<Path> reportsWritten() {
    return List.copyOf(reportsWritten);
  }

  public Progress progress() {
    return progress;
  }

  @Override
  public void close() {
    if (ownsTestbed) {
      testbed.close();
    }
  }
}
