/**
 * Theory beside every number.
 *
 * <p>{@link dev.caas.harness.theory.Theory} predicts each run from the injected latency and the
 * limits the variant reports: one request takes T = L_u + 2·L_d in sequence or L_u + L_d gathered;
 * many requests are bounded by the scarcest resource. The table prints the measured median over the
 * predicted one; far from 1.0 is a finding to explain, not noise to ignore.
 */
package dev.caas.harness.theory;
