package dev.caas.contract;

import java.time.Duration;
import java.util.UUID;

/**
 * One photo request as a handler sees it: its id (the billing event's key, and the key that undoes
 * it) and its deadline, fixed when it arrived.
 */
public record DogRequest(UUID id, Deadline deadline) {

  /**
   * A request that arrived now and must be answered within {@code budget}: see {@link
   * Deadline#forAnswerWithin}.
   */
  public static DogRequest arrived(UUID id, Duration budget) {
    return new DogRequest(id, Deadline.forAnswerWithin(budget));
  }
}
