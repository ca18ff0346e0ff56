package dev.caas.reactive;

/**
 * What a handler is built from: the three steps' I/O, and the undo of a billing whose request
 * failed.
 *
 * @param upstream step 1, the photo
 * @param ledger step 2, billing
 * @param names step 3, the dog's name
 * @param compensations deletes the billing event of a request that failed after step 2 may have
 *     committed
 */
public record DogParts(
    CanineUpstream upstream, BillingLedger ledger, DogNames names, Compensations compensations) {}
