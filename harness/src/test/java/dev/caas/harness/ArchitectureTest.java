package dev.caas.harness;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The harness's rooms and the one way their doors open, as {@code package-info.java} of {@code
 * dev.caas.harness} draws them. From the bottom up: {@code text} (how a time, a table, a progress
 * line reads) is used by every room and uses none; {@code load} generates requests; {@code variant}
 * launches and asks the variants; {@code stats} and {@code theory} turn samples and settings into
 * numbers; {@code calibration} measures the generator; {@code faults} judges the fault matrix's
 * cells; {@code bench} runs it all; {@code report} writes it down; {@code compare} reads results
 * back; {@code ab} runs two builds in turns and has {@code compare} judge them; {@code cli} parses
 * the command line and calls the rest. {@code queueing} and {@code cost} are leaves that theory,
 * bench, report and the command line may use.
 */
@AnalyzeClasses(
    packages = "dev.caas.harness",
    importOptions = {ImportOption.DoNotIncludeTests.class, ImportOption.DoNotIncludeJars.class})
class ArchitectureTest {
  private static final String HARNESS = "dev.caas.harness.";

  @ArchTest
  static final ArchRule rooms_depend_on_each_other_one_way_only =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("cli")
          .definedBy(HARNESS + "cli..")
          .layer("ab")
          .definedBy(HARNESS + "ab..")
          .layer("compare")
          .definedBy(HARNESS + "compare..")
          .layer("report")
          .definedBy(HARNESS + "report..")
          .layer("targets")
          .definedBy(HARNESS + "targets..")
          .layer("bench")
          .definedBy(HARNESS + "bench..")
          .layer("faults")
          .definedBy(HARNESS + "faults..")
          .layer("calibration")
          .definedBy(HARNESS + "calibration..")
          .layer("theory")
          .definedBy(HARNESS + "theory..")
          .layer("stats")
          .definedBy(HARNESS + "stats..")
          .layer("variant")
          .definedBy(HARNESS + "variant..")
          .layer("load")
          .definedBy(HARNESS + "load..")
          .layer("text")
          .definedBy(HARNESS + "text..")
          .optionalLayer("queueing")
          .definedBy(HARNESS + "queueing..")
          .optionalLayer("cost")
          .definedBy(HARNESS + "cost..")
          .whereLayer("cli")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("ab")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("compare")
          .mayOnlyBeAccessedByLayers("ab", "cli")
          .whereLayer("report")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("targets")
          .mayOnlyBeAccessedByLayers("cli")
          .whereLayer("bench")
          .mayOnlyBeAccessedByLayers("ab", "report", "targets", "cli")
          .whereLayer("faults")
          .mayOnlyBeAccessedByLayers("bench", "report", "cli")
          .whereLayer("calibration")
          .mayOnlyBeAccessedByLayers("bench", "report", "cli")
          .whereLayer("theory")
          .mayOnlyBeAccessedByLayers("ab", "bench", "targets", "report", "cli")
          .whereLayer("stats")
          .mayOnlyBeAccessedByLayers(
              "calibration", "faults", "bench", "ab", "targets", "report", "cli")
          .whereLayer("variant")
          .mayOnlyBeAccessedByLayers(
              "calibration", "faults", "bench", "ab", "targets", "report", "cli")
          .whereLayer("load")
          .mayOnlyBeAccessedByLayers(
              "variant",
              "stats",
              "theory",
              "calibration",
              "faults",
              "bench",
              "ab",
              "targets",
              "report",
              "cli")
          .whereLayer("queueing")
          .mayOnlyBeAccessedByLayers("theory", "bench", "report", "cli")
          .whereLayer("cost")
          .mayOnlyBeAccessedByLayers("theory", "bench", "ab", "report", "cli")
          .whereLayer("text")
          .mayNotAccessAnyLayer()
          .whereLayer("queueing")
          .mayNotAccessAnyLayer()
          .whereLayer("cost")
          .mayNotAccessAnyLayer();

  @ArchTest
  static final ArchRule the_rooms_have_no_cycle =
      slices().matching("dev.caas.harness.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule every_class_lives_in_a_room =
      noClasses()
          .that()
          .doNotHaveSimpleName("package-info")
          .should()
          .resideInAPackage("dev.caas.harness")
          .because("each class belongs to one of the rooms named in dev.caas.harness's essay");

  @ArchTest
  static final ArchRule the_harness_never_links_an_implementation =
      noClasses()
          .that()
          .resideInAPackage("dev.caas.harness..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "dev.caas.sync..", "dev.caas.loom..", "dev.caas.reactive..", "dev.caas.blocking..")
          .because("the harness starts the variants' jars; it must measure them, not link them");
}
