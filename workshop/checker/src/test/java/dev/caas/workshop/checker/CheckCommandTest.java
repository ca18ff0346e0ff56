package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line, without a testbed: what an attendee sees before anything is measured. */
class CheckCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    var commandLine = new CommandLine(new Check());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  @Test
  void list_names_every_exercise_with_the_variant_it_runs_as() {
    assertThat(run("--list")).isZero();
    for (Exercise exercise : Exercise.values()) {
      assertThat(out.toString()).contains(exercise.wireName(), exercise.variant().wireName());
    }
  }

  @Test
  void an_unknown_exercise_is_refused_with_the_list_and_a_suggestion() {
    assertThat(run("gather")).isEqualTo(Check.EXIT_CANNOT_RUN);
    assertThat(err.toString())
        .contains("no exercise 'gather'", "did you mean gather-threads?", "hidden-round-trip");
  }

  @Test
  void no_exercise_is_refused_with_the_list() {
    assertThat(run()).isEqualTo(Check.EXIT_CANNOT_RUN);
    assertThat(err.toString()).contains("which exercise?", "bill-exactly-once");
  }

  @Test
  void help_says_what_is_graded_and_how() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Usage: caas check", "--list", "--out", "Exit codes");
  }

  @Test
  void a_failed_contract_suite_fails_the_check_before_anything_is_measured() {
    assertThat(run("gather-threads", "--contract-suite", "failed")).isEqualTo(Check.EXIT_FAILED);
    assertThat(out.toString())
        .startsWith("gather-threads: FAIL")
        .contains("the contract suite fails");
  }

  @Test
  void hint_shows_one_hint_of_the_hints_file_at_a_time_and_how_to_get_the_next() {
    assertThat(run("gather-threads", "--hint")).isZero();
    assertThat(out.toString())
        .startsWith("gather-threads, hint 1 of ")
        .contains("CompletableFuture.runAsync", "./caas check gather-threads --hint 2")
        .doesNotContain("CompletionException");
    out.getBuffer().setLength(0);
    assertThat(run("gather-threads", "--hint", "2")).isZero();
    assertThat(out.toString()).contains("hint 2 of ", "CompletionException");
  }
}
