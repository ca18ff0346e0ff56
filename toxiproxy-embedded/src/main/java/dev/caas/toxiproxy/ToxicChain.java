package dev.caas.toxiproxy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The toxics of one proxy, an ordered chain per direction. Names are unique across both directions.
 * Each chain is an immutable list replaced on every change, so links read it without locking (once
 * per chunk) and spot a change by comparing list identity.
 */
final class ToxicChain {

  private volatile List<ToxicEntry> upstream = List.of();
  private volatile List<ToxicEntry> downstream = List.of();
  private final Consumer<Direction> onChange;

  /**
   * @param onChange told which direction changed, to wake that direction's links
   */
  ToxicChain(Consumer<Direction> onChange) {
    this.onChange = onChange;
  }

  /** The current chain for one direction, in the order its toxics apply. */
  List<ToxicEntry> chain(Direction direction) {
    return direction == Direction.UPSTREAM ? upstream : downstream;
  }

  /** Every toxic, upstream ones first, as Toxiproxy lists them. */
  List<ToxicEntry> all() {
    List<ToxicEntry> all = new ArrayList<>(upstream);
    all.addAll(downstream);
    return all;
  }

  Optional<ToxicEntry> find(String name) {
    return all().stream().filter(entry -> entry.name().equals(name)).findFirst();
  }

  ToxicEntry get(String name) throws ApiException {
    return find(name).orElseThrow(ApiException::toxicNotFound);
  }

  /** Appends a toxic to the end of its direction's chain. */
  ToxicEntry add(ToxicEntry entry) throws ApiException {
    synchronized (this) {
      if (find(entry.name()).isPresent()) {
        throw ApiException.toxicAlreadyExists();
      }
      List<ToxicEntry> chain = new ArrayList<>(chain(entry.stream()));
      chain.add(entry);
      set(entry.stream(), chain);
    }
    onChange.accept(entry.stream());
    return entry;
  }

  /** Puts {@code updated} where the toxic of the same name was, keeping its place in the chain. */
  ToxicEntry replace(ToxicEntry updated) throws ApiException {
    synchronized (this) {
      List<ToxicEntry> chain = new ArrayList<>(chain(updated.stream()));
      int index = indexOf(chain, updated.name());
      if (index < 0) {
        throw ApiException.toxicNotFound();
      }
      chain.set(index, updated);
      set(updated.stream(), chain);
    }
    onChange.accept(updated.stream());
    return updated;
  }

  void remove(String name) throws ApiException {
    Direction changed;
    synchronized (this) {
      changed = get(name).stream();
      List<ToxicEntry> chain = new ArrayList<>(chain(changed));
      chain.remove(indexOf(chain, name));
      set(changed, chain);
    }
    onChange.accept(changed);
  }

  void clear() {
    synchronized (this) {
      upstream = List.of();
      downstream = List.of();
    }
    onChange.accept(Direction.UPSTREAM);
    onChange.accept(Direction.DOWNSTREAM);
  }

  private void set(Direction direction, List<ToxicEntry> chain) {
    if (direction == Direction.UPSTREAM) {
      upstream = List.copyOf(chain);
    } else {
      downstream = List.copyOf(chain);
    }
  }

  private static int indexOf(List<ToxicEntry> chain, String name) {
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }
}
