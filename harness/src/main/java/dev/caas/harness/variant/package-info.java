/**
 * The variants as the harness sees them from outside: jars to find ({@link
 * dev.caas.harness.variant.VariantJars}), processes to launch ({@link
 * dev.caas.harness.variant.VariantProcess}), a {@code /health} to ask ({@link
 * dev.caas.harness.variant.HealthWait}) and books to check ({@link
 * dev.caas.harness.variant.BillingCheck}).
 *
 * <p>The harness never links a variant's classes: it starts its jar as its own JVM and talks HTTP,
 * as any client would. {@code /health} says when the pools are filled, and, after the load, when
 * every failed request's billing has been undone (the variants compensate in the background) or
 * every pool is idle again. Only then is the billing ledger read and reconciled with the photos the
 * variant served: a difference fails the run, naming the filenames. {@link
 * dev.caas.harness.variant.Provenance} records what was run where, since a result without the
 * machine, the JDK and the commit cannot be compared with another.
 */
package dev.caas.harness.variant;
