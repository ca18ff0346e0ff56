/**
 * The contract every variant of the dog service keeps, and nothing about concurrency.
 *
 * <h2>The request</h2>
 *
 * A variant answers {@code GET /} (and {@code GET /dog}) in three I/O steps:
 *
 * <ol>
 *   <li><b>upstream</b>: {@code GET {upstream}/dog} returns JPEG bytes and the header {@code
 *       X-Filename};
 *   <li><b>billing</b>: {@link dev.caas.contract.Sql#INSERT_BILLING} records the request;
 *   <li><b>name</b>: {@link dev.caas.contract.Sql#SELECT_NAME} finds the dog's name.
 * </ol>
 *
 * Steps 2 and 3 depend only on step 1. A <em>sequential</em> variant runs 1, 2, 3; a
 * <em>gathered</em> variant runs 1, then 2 and 3 at the same time. The response carries the
 * upstream's bytes, the headers of {@link dev.caas.contract.DogHeaders} and a {@link
 * dev.caas.contract.ServerTiming} header whose {@code start=} parameters let the harness draw each
 * request as a waterfall.
 *
 * <h2>Errors</h2>
 *
 * A failed step becomes a {@link dev.caas.contract.StepFailure} and a JSON {@link
 * dev.caas.contract.ErrorBody}: 502 for a bad upstream answer, 503 when a dependency is unavailable
 * or a pool or queue is full, 504 when the deadline passes. A failed request is never billed.
 *
 * <h2>Why no dependencies</h2>
 *
 * Three very different stacks (Jetty, Reactor Netty, Spring) build on this module. Anything here
 * that pulled in a library would pull it into all of them, so the little JSON written here is
 * written by hand.
 */
package dev.caas.contract;
