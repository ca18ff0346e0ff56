package dev.caas.harness.bench;

import dev.caas.contract.Variant;

/**
 * A variant that was asked for but not measured, and why. Nothing is skipped silently.
 *
 * @param skipped {@code true} when its jar is not built and it was only implied by {@code all};
 *     {@code false} when it was named and missing, or failed to start: then the bench fails
 * @param reason what happened, in a sentence
 * @param hint what to do about it (the command that builds the jar, the log to read), or empty
 */
public record NotRun(Variant variant, boolean skipped, String reason, String hint) {}
