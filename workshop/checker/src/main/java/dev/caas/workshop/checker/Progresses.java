package dev.caas.workshop.checker;

import dev.caas.harness.text.Progress;

/**
 * Progress told to two listeners: the console, and a grader that acts on phases (a thread sampler).
 */
final class Progresses {
  private Progresses() {}

  /**
   * The same progress, with {@code link} said as {@code name} in every phase: the bench starts a
   * jar by a link named like the variant's module ({@code sync-impl-…-all.jar}), and the attendee
   * graded {@code exercise-gather-threads-…-all.jar}.
   */
  static Progress naming(Progress progress, String link, String name) {
    return new Progress() {
      @Override
      public void phase(String variant, String what) {
        progress.phase(variant, what.replace(link, name));
      }

      @Override
      public void requests(String variant, int done, int total) {
        progress.requests(variant, done, total);
      }

      @Override
      public void warn(String message) {
        progress.warn(message.replace(link, name));
      }
    };
  }

  static Progress both(Progress first, Progress second) {
    return new Progress() {
      @Override
      public void phase(String variant, String what) {
        first.phase(variant, what);
        second.phase(variant, what);
      }

      @Override
      public void requests(String variant, int done, int total) {
        first.requests(variant, done, total);
        second.requests(variant, done, total);
      }

      @Override
      public void warn(String message) {
        first.warn(message);
        second.warn(message);
      }
    };
  }
}
