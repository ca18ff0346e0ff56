/**
 * {@code caas conform}: the testkit's contract suites, run against an implementation this project
 * did not write.
 *
 * <p>The six Java variants are checked by the testkit's suites in their own modules' tests. An
 * implementation in another language (the talk's Python attempts, a Go or Kotlin version) has no
 * such module, but it speaks the same HTTP and reads the same {@code CAAS_*} variables. So the
 * suites run here unchanged, through the JUnit Platform launcher, with a {@link
 * dev.caas.testkit.Subject} instead of a model: its name on the wire, its composition, and a {@link
 * CommandLauncher} that starts it as a process for each suite, pointed at the shared testbed. No
 * assertion is written twice: what passes here is what the Java variants pass.
 *
 * <p>An implementation may state parts of the contract it deliberately does not keep (the Python
 * attempts' README lists them); {@link DeclaredSkips} marks those tests skipped, with the stated
 * reason, instead of failing them. {@link Conformance} runs the suites and {@link ConformanceTable}
 * prints the verdict per contract area.
 */
package dev.caas.conform;
