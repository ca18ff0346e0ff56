package dev.caas.testkit;

import dev.caas.contract.Variant;

/**
 * What a contract suite runs against when it is not one of this project's variants: an
 * implementation in any language, started by {@link #launcher} (a command, a process) for each
 * suite. Its {@link #name} is what it answers in {@code X-Variant} and on {@code /health}; its
 * {@link #composition} says which shape the suites expect of it.
 *
 * @param name the implementation's name on the wire, e.g. {@code quart-gathered}
 * @param composition sequential or gathered
 * @param launcher how to start it, pointed at the testbed by the options it is given
 */
public record Subject(String name, Variant.Composition composition, VariantLauncher launcher) {}
