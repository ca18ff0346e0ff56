package dev.caas.harness.cli;

import dev.caas.contract.VariantOptions;
import dev.caas.harness.variant.VariantJars;
import dev.caas.testbed.TestbedMain;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The {@code caas} command: one subcommand per job, {@code caas --help} lists them. */
@Command(
    name = "caas",
    mixinStandardHelpOptions = true,
    versionProvider = Caas.Version.class,
    subcommands = {
      BenchCommand.class,
      CalibrateCommand.class,
      ConformCommand.class,
      dev.caas.harness.compare.CompareCommand.class,
      dev.caas.harness.ab.AbCommand.class,
      CommandLine.HelpCommand.class
    },
    description = {
      "Canines as a Service: thread-per-request, reactive and virtual threads compared under injected "
          + "network latency.",
      ""
    },
    usageHelpAutoWidth = true,
    footer = {
      "",
      "Examples:",
      "  caas bench                                        the talk: 90 requests, 10 clients, 100 ms",
      "  caas bench --scenario concurrency-sweep --out target/results/sweep",
      "  caas bench --fault all                            the fault matrix: every fault × every variant",
      "  caas bench --scenario overload                    2,000 requests at once at 200 ms",
      "  caas calibrate                                    the generator's own ceiling, beside wrk",
      "  caas conform --launch 'examples/python-talk/run.sh 3' --name quart-gathered"
          + " --composition gathered",
      "                                                    the contract suites against any"
          + " implementation",
      "  caas testbed --json testbed.json                  the testbed as a service, for any"
          + " implementation",
      "  caas compare --baseline old.json --current new.json  slower or only noise? (exit 1 on a regression)",
      "  caas ab --base-jars base/ --head-jars head/       two builds in turns on this machine: the CI gate",
      "  caas check gather-threads                         the workshop's checker (./caas check --help;",
      "                                                    workshop/README.md)",
      "",
      "Run 'caas help bench' for the options and examples of a subcommand."
    })
public final class Caas implements Runnable {
  @Spec CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command line with durations ({@code 100ms}, {@code 15s}, {@code 2m}) understood everywhere.
   */
  public static CommandLine commandLine() {
    var commandLine = new CommandLine(new Caas());
    commandLine.registerConverter(Duration.class, VariantOptions::parseDuration);
    // The testbed's command lives in the testbed module (it runs on its own too); added here as an
    // instance, because its class cannot name the harness's subcommands list.
    commandLine.addSubcommand("testbed", new TestbedMain());
    BenchCommand.addFaultCatalogue(commandLine.getSubcommands().get("bench"));
    commandLine.setExecutionExceptionHandler(
        (e, command, parsed) -> {
          if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
            command.getErr().println("caas: " + e.getMessage());
          } else {
            e.printStackTrace(command.getErr());
          }
          return BenchCommand.EXIT_CANNOT_RUN;
        });
    return commandLine;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(
        spec.commandLine(), "Missing subcommand: try 'caas bench'");
  }

  /** The project version, from the build. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
        "caas " + VariantJars.harnessVersion() + " on Java " + Runtime.version()
      };
    }
  }
}
