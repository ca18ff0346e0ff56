package dev.caas.harness.cli;

import dev.caas.conform.Area;
import dev.caas.conform.CommandLauncher;
import dev.caas.conform.Conformance;
import dev.caas.conform.Skip;
import dev.caas.contract.Variant;
import dev.caas.testbed.Testbed;
import dev.caas.testkit.FaultContract;
import dev.caas.testkit.RunningVariant;
import dev.caas.testkit.SharedTestbed;
import dev.caas.testkit.Subject;
import dev.caas.testkit.VariantLauncher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code caas conform}: the testkit's contract suites against an implementation in any language,
 * started from a command with the contract's variables; a pass/fail/skipped table per area.
 */
@Command(
    name = "conform",
    mixinStandardHelpOptions = true,
    description = {
      "Checks that an implementation keeps the contract (CONTRACT.md): runs the same contract"
          + " suites as the Java variants against it and prints passed/failed/skipped per area.",
      "",
      "It starts a testbed, then for each suite runs COMMAND with the contract's CAAS_* variables"
          + " (both the language-neutral ones and the Java jars' CAAS_DB_URL, CAAS_DEADLINE),"
          + " waits for /health, and stops it after.",
      "With --target it checks an implementation already running, started against the testbed"
          + " of --testbed (the JSON of 'caas testbed') or, without it, against one conform starts"
          + " and whose variables it prints; it must run with CAAS_DEADLINE_MS=1000 and"
          + " CAAS_DB_POOL=20 (the suites' settings). The abuse area needs the implementation"
          + " started against a hostile upstream of conform's own, so with --target it is skipped.",
      "Exit: 0 every test passed or was declared skipped; 1 a test failed; 2 bad usage, or the"
          + " implementation did not start."
    },
    footer = {
      "",
      "Examples:",
      "  caas conform --launch 'java -jar sync-impl/target/sync-impl-0.1.0-SNAPSHOT-all.jar'"
          + " --name sync-gathered --composition gathered",
      "  caas conform --launch 'examples/python-talk/run.sh 3' --name quart-gathered"
          + " --composition gathered --skip 'abuse/a_client_that_leaves=Hypercorn does not tell'",
      "  caas conform --target http://198.18.0.2:8080 --testbed"
          + " http://198.18.0.1:8475/testbed.json --name quart-gathered --composition gathered",
      "",
      "Areas: service, shape, faults, abuse."
    })
final class ConformCommand implements Callable<Integer> {
  static final int EXIT_USAGE_OR_UNREACHABLE = 2;

  /** What is checked: a command conform starts, or an implementation already running. */
  static final class Subjects {
    @Option(
        names = "--launch",
        required = true,
        paramLabel = "COMMAND",
        description = "Starts the implementation (run with /bin/sh -c), once per suite.")
    String command;

    @Option(
        names = "--target",
        required = true,
        paramLabel = "URL",
        description = "An implementation already running, e.g. http://198.18.0.2:8080.")
    URI target;
  }

  @ArgGroup(multiplicity = "1")
  Subjects subjects;

  @Option(
      names = "--testbed",
      paramLabel = "FILE-or-URL",
      description =
          "With --target: the JSON of the 'caas testbed' the implementation was started against,"
              + " the file it wrote or the URL it serves it at (default: start one here and print"
              + " its variables).")
  String testbed;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description =
          "The implementation's name on the wire (X-Variant, /health); passed as"
              + " CAAS_VARIANT_NAME.")
  String name;

  @Option(
      names = "--composition",
      paramLabel = "sequential|gathered",
      description = "The shape to expect: 3 round trips or 2 (default ${DEFAULT-VALUE}).")
  String composition = Variant.Composition.SEQUENTIAL.wireName();

  @Option(
      names = "--area",
      split = ",",
      paramLabel = "AREA",
      description = "Only these contract areas (default: all).")
  List<String> areas = new ArrayList<>();

  @Option(
      names = "--skip",
      paramLabel = "AREA[/TEST][=REASON]",
      description =
          "A part the implementation declares it does not keep: marked skipped with the reason,"
              + " not failed. TEST is a test's name or its start, or a parameter such as a fault.")
  List<String> skips = new ArrayList<>();

  @Option(
      names = "--logs",
      paramLabel = "FOLDER",
      description = "Where each start's output goes (default ${DEFAULT-VALUE}).")
  Path logs = Path.of("target", "conform");

  @Override
  public Integer call() throws Exception {
    Set<Area> chosen = EnumSet.noneOf(Area.class);
    areas.forEach(area -> chosen.add(Area.parse(area)));
    if (chosen.isEmpty()) {
      chosen.addAll(EnumSet.allOf(Area.class));
    }
    var declared = new ArrayList<>(skips.stream().map(Skip::parse).toList());
    if (subjects.target != null) {
      declared.add(new Skip(Area.ABUSE, "", ABUSE_NEEDS_A_LAUNCH));
      return checkRunning(chosen, declared);
    }
    if (testbed != null) {
      throw new IllegalArgumentException("--testbed goes with --target");
    }
    var subject =
        new Subject(
            name,
            Variant.Composition.parse(composition),
            new CommandLauncher(subjects.command, name, logs));
    try (var started =
        subject
            .launcher()
            .launch(SharedTestbed.optionsFor(subject.composition(), Duration.ofSeconds(5)))) {
      System.out.println("caas conform: " + name + " answers at " + started.url());
    } catch (Exception e) {
      System.err.println("caas conform: " + e.getMessage());
      return EXIT_USAGE_OR_UNREACHABLE;
    }
    var table = new Conformance(subject, chosen, declared).run(System.out);
    table.print(System.out);
    return table.exitCode();
  }

  static final String ABUSE_NEEDS_A_LAUNCH =
      "a running implementation cannot be pointed at conform's hostile upstream; use --launch";

  /** The settings the suites expect of an implementation they did not start. */
  private Map<String, String> settingsForTarget() {
    var settings = new LinkedHashMap<String, String>();
    settings.put("CAAS_VARIANT_NAME", name);
    settings.put("CAAS_DEADLINE_MS", String.valueOf(FaultContract.DEADLINE.toMillis()));
    settings.put("CAAS_DEADLINE", FaultContract.DEADLINE.toMillis() + "ms");
    settings.put("CAAS_DB_POOL", "20");
    return settings;
  }

  /** {@code --target}: the suites against an implementation already running. */
  private int checkRunning(Set<Area> chosen, List<Skip> declared) throws Exception {
    URI target = subjects.target;
    Testbed attached;
    try {
      attached =
          TargetTestbed.attachOrStart(testbed, settingsForTarget(), List.of(target), System.out);
    } catch (IOException | IllegalStateException e) {
      System.err.println("caas conform: " + e.getMessage());
      return EXIT_USAGE_OR_UNREACHABLE;
    }
    System.out.println("caas conform: " + name + " answers at " + target);
    VariantLauncher alreadyRunning = options -> new RunningVariant(target, () -> {});
    var subject = new Subject(name, Variant.Composition.parse(composition), alreadyRunning);
    try (attached;
        var used = SharedTestbed.use(attached)) {
      var table = new Conformance(subject, chosen, declared).run(System.out);
      table.print(System.out);
      return table.exitCode();
    }
  }
}
