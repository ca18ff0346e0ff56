package dev.caas.reactive;

/**
 * The parts a reactive handler is built from: the upstream client, the two database steps, and the
 * compensation of failed requests, over one R2DBC pool. The blocking kit's {@code DogParts} has the
 * same name and accessors; Spring builds and closes these parts, so this one only holds them.
 */
public final class DogParts {
  private final CanineUpstream upstream;
  private final BillingLedger ledger;
  private final DogNames names;
  private final Compensations compensations;

  DogParts(
      CanineUpstream upstream, BillingLedger ledger, DogNames names, Compensations compensations) {
    this.upstream = upstream;
    this.ledger = ledger;
    this.names = names;
    this.compensations = compensations;
  }

  public CanineUpstream upstream() {
    return upstream;
  }

  public BillingLedger ledger() {
    return ledger;
  }

  public DogNames names() {
    return names;
  }

  public Compensations compensations() {
    return compensations;
  }
}
