package dev.caas.testkit;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.caas.contract.Variant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A contract suite that runs once for each composition of a model: an implementation module names
 * its model and how to start a variant (a one-line constructor), and gets both of its variants
 * tested, one after the other, each against a variant started for it. The list of variants is
 * written here, once.
 *
 * <p>The same suite runs against an implementation this project did not write (a {@link Subject}:
 * its name, its one composition, how to start it); it then has no model, and the suite reads its
 * name and composition through {@link #subjectName()} and {@link #composition()}.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Variant.Composition.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class VariantsOfAModel {
  @Parameter private Variant.Composition composition;

  private final Variant.Model model;
  private final VariantLauncher launcher;
  private final Set<Variant.Composition> implemented;
  private final String subjectName;

  /**
   * @param model which model's variants to test
   * @param launcher how to start a variant of that model in-process
   * @param only the compositions the module implements, if not both (a workshop exercise writes one
   *     variant): the suite's run for the other is skipped
   */
  protected VariantsOfAModel(
      Variant.Model model, VariantLauncher launcher, Variant.Composition... only) {
    this.model = model;
    this.launcher = launcher;
    this.implemented =
        only.length == 0 ? EnumSet.allOf(Variant.Composition.class) : EnumSet.copyOf(List.of(only));
    this.subjectName = null;
  }

  /**
   * @param subject an implementation outside this project: the suite's run for the other
   *     composition is skipped
   */
  protected VariantsOfAModel(Subject subject) {
    this.model = null;
    this.launcher = subject.launcher();
    this.implemented = EnumSet.of(subject.composition());
    this.subjectName = subject.name();
  }

  /** The model under test. */
  protected final Variant.Model model() {
    return model;
  }

  /** How to start a variant of the model in-process. */
  protected final VariantLauncher launcher() {
    return launcher;
  }

  @BeforeParameterizedClassInvocation
  void skipACompositionNotImplemented() {
    assumeTrue(
        implemented.contains(composition),
        "this module does not implement " + composition.wireName());
  }

  /** The variant under test in this run of the suite (a {@link Subject} has none). */
  protected final Variant variant() {
    if (model == null) {
      throw new IllegalStateException(subjectName + " is not one of this project's variants");
    }
    return Variant.of(model(), composition);
  }

  /** The composition under test in this run of the suite. */
  protected final Variant.Composition composition() {
    return composition;
  }

  /** The name the implementation under test answers with in {@code X-Variant} and on /health. */
  protected final String subjectName() {
    return subjectName != null ? subjectName : variant().wireName();
  }
}
