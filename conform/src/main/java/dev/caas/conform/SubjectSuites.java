package dev.caas.conform;

import dev.caas.testkit.AbuseContract;
import dev.caas.testkit.DogServiceContract;
import dev.caas.testkit.FaultContract;
import dev.caas.testkit.GatheringShapeContract;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The testkit's suites, each made concrete for the subject of the current conform run (JUnit
 * creates them itself, so they find the subject in {@link Conformance#current()}). Nothing is
 * added: the assertions are the testkit's.
 */
final class SubjectSuites {
  private SubjectSuites() {}

  @ExtendWith(DeclaredSkips.class)
  static class Service extends DogServiceContract {
    Service() {
      super(Conformance.current().subject());
    }
  }

  @ExtendWith(DeclaredSkips.class)
  static class Shape extends GatheringShapeContract {
    Shape() {
      super(Conformance.current().subject());
    }
  }

  @ExtendWith(DeclaredSkips.class)
  static class Faults extends FaultContract {
    Faults() {
      super(Conformance.current().subject());
    }
  }

  @ExtendWith(DeclaredSkips.class)
  static class Abuse extends AbuseContract {
    Abuse() {
      super(Conformance.current().subject());
    }
  }
}
