/**
 * Statistics of samples: the latency percentiles, mean and standard deviation of a run ({@link
 * dev.caas.harness.stats.LatencyStats}), the median of each Server-Timing step ({@link
 * dev.caas.harness.stats.StepMedians}), errors by kind with their time to fail ({@link
 * dev.caas.harness.stats.ErrorSummary}) and the throughput once the ramp is over ({@link
 * dev.caas.harness.stats.SteadyThroughput}). Plain functions of a list of samples: no clock, no
 * network.
 */
package dev.caas.harness.stats;
