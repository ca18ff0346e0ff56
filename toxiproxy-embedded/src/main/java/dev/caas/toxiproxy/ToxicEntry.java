package dev.caas.toxiproxy;

/**
 * A toxic as installed on a proxy: its name, direction, toxicity and configuration. Links notice
 * changes by <em>identity</em> ({@code ==}), not by {@code equals}: updating a toxic installs a new
 * entry even when the values happen to be the same, and Toxiproxy restarts the toxic then too.
 *
 * @param toxicity the probability, 0 to 1, that the toxic applies to a given connection
 */
record ToxicEntry(String name, Direction stream, float toxicity, Toxic toxic) {

  ToxicEntry withToxic(Toxic replacement, float newToxicity) {
    return new ToxicEntry(name, stream, newToxicity, replacement);
  }
}
