package dev.caas.workshop.checker;

/**
 * How one exercise is graded: by what its jar does under the harness, never by what its code says.
 */
@FunctionalInterface
interface Grader {
  Verdict grade(Exercise exercise, Subject subject, Lab lab) throws Exception;
}
