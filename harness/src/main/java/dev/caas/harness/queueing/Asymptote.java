package dev.caas.harness.queueing;

/**
 * One resource's ceiling on throughput, capacity over demand (the utilisation law X ≤ c / D); the
 * smallest is where the predicted curve flattens, the clients' C / T is the line it starts along.
 *
 * @param resource what it is, e.g. {@code database pool}
 * @param throughputPerSecond the most requests per second it allows
 * @param formula how, e.g. {@code 20 / (2 × 100 ms)}
 */
public record Asymptote(String resource, double throughputPerSecond, String formula) {}
