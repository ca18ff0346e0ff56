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
import java.util.Optional;
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
  private final MeasuredRuns measuredRuns;
  private final List<Path> reportsWritten = new ArrayList<>();

  private Lab(
      Testbed testbed,
      boolean ownsTestbed,
      Path workFolder,
      Path reportFolder,
      Progress progress,
      MeasuredRuns measuredRuns) {
    this.testbed = testbed;
    this.ownsTestbed = ownsTestbed;
    // Absolute, so that a variant's command line names its jar link by a path no other lab shares.
    this.workFolder = workFolder.toAbsolutePath();
    this.reportFolder = reportFolder;
    this.progress = progress;
    this.measuredRuns = measuredRuns;
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
    return new Lab(Testbed.start(), true, workFolder, reportFolder, progress, new MeasuredRuns());
  }

  /**
   * On a testbed the caller owns. Tests run several labs side by side, each on a testbed and in a
   * work folder of its own (a run clears its testbed's billing ledger and sets its latency), and
   * let them share {@code measuredRuns}: a run one lab measured is not measured again by another.
   */
  static Lab on(Testbed testbed, Path workFolder, Progress progress, MeasuredRuns measuredRuns) {
    return new Lab(testbed, false, workFolder, null, progress, measuredRuns);
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
    var config = BenchConfig.builder().variants(variant).requireJars(true).jvmArgs(VARIANT_JVM);
    settings.accept(config);
    if (watcher != Progress.SILENT) {
      // A grader that watches the run (a thread sampler) must see it happen.
      return measure(label, jar, config, watcher);
    }
    try {
      // The settings as they are before the lab adds where it links the jar: the same in every lab.
      return measuredRuns.measureOnce(
          "bench", jar, variant, config.build(), () -> measure(label, jar, config, watcher));
    } catch (IOException | NotMeasured | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  /**
   * A run of {@code jar} as {@code variant} that is not the bench's (a grader's own sweep),
   * measured {@code how} with {@code settings}: done once however many labs sharing runs ask.
   */
  <T> T measureOnce(String how, Path jar, Variant variant, Object settings, MeasuredRuns.Run<T> run)
      throws Exception {
    return measuredRuns.measureOnce(how, jar, variant, settings, run);
  }

  private BenchReport measure(String label, Path jar, BenchConfig.Builder config, Progress watcher)
      throws IOException, NotMeasured {
    Variant variant = config.build().variants().getFirst();
    Path folder = launchFolder(label);
    Files.createDirectories(folder);
    var jars = new VariantJars(folder, false, version());
    link(jars.jarFor(variant), jar);
    config.jars(folder);
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
   * The jar the bench starts for the run {@code label}: a link in the run's own folder, named like
   * the variant's module. A variant's command line names it, so a watcher finds the variant's
   * process by it, and never another lab's.
   */
  Path launchedJar(String label, Variant variant) {
    return new VariantJars(launchFolder(label), false, version()).jarFor(variant);
  }

  private Path launchFolder(String label) {
    return workFolder.resolve(label);
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
   * is ready: for a measurement the bench does not make. The caller closes it.
   *
   * @param deadline the request deadline the variant is started with
   * @param moreJvmOptions JVM options on top of the lab's
   * @param serverThreads for a bounded-pool variant; {@code null}: its default
   */
  VariantProcess launch(
      String label,
      Path jar,
      Variant variant,
      Duration deadline,
      List<String> moreJvmOptions,
      Integer serverThreads)
      throws IOException, NotMeasured {
    Path folder = launchFolder(label);
    Files.createDirectories(folder);
    testbed.setLatency(Duration.ZERO, Duration.ZERO);
    var jvmOptions = new ArrayList<>(VARIANT_JVM);
    jvmOptions.addAll(moreJvmOptions);
    var launch =
        new VariantProcess.Launch(
            variant,
            jar.toAbsolutePath(),
            Path.of(System.getProperty("java.home"), "bin", "java"),
            jvmOptions,
            testbed.jdbcUrl(),
            testbed.dbUser(),
            testbed.dbPassword(),
            testbed.upstreamUrl(),
            null,
            serverThreads,
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

  /**
   * The process of a variant this lab launched, found among the checker's children by the port on
   * its command line (which no other variant of any lab listens on).
   */
  static Optional<ProcessHandle> processOf(VariantProcess variant) {
    String port = "--port " + variant.baseUrl().getPort() + " ";
    return ProcessHandle.current()
        .descendants()
        .filter(p -> p.info().commandLine().map(line -> (line + " ").contains(port)).orElse(false))
        .findFirst();
  }

  /** Injects {@code latency} on the upstream proxy alone, until closed. */
  AutoCloseable upstreamLatency(Duration latency) {
    testbed.setLatency(latency, Duration.ZERO);
    return () -> testbed.setLatency(Duration.ZERO, Duration.ZERO);
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
