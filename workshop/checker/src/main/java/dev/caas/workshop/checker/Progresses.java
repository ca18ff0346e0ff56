package dev.caas.workshop.checker;

import dev.caas.harness.text.Progress;

/**
 * Progress told to two listeners: the console, and a grader that acts on phases (a thread sampler).
 */
final class Progresses {
  private Progresses() {}

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
