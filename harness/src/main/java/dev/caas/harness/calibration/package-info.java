/**
 * Is the generator the bottleneck?
 *
 * <p>{@code caas calibrate} ({@link dev.caas.harness.calibration.Calibrator}) measures the harness
 * and {@code wrk} ({@link dev.caas.harness.calibration.Wrk}) against the same loopback {@link
 * dev.caas.harness.calibration.DelayServer} and stores the ceiling as a {@link
 * dev.caas.harness.calibration.Calibration}; every bench is checked against it, so a run that asked
 * more of the generator than it can give is flagged rather than believed.
 */
package dev.caas.harness.calibration;
