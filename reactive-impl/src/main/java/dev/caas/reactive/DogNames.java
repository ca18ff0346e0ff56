package dev.caas.reactive;

import dev.caas.contract.Deadline;
import dev.caas.contract.DogName;
import dev.caas.contract.Sql;
import dev.caas.contract.Step;
import io.r2dbc.spi.ConnectionFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Step 3 over R2DBC: the dog's name for a filename. One round trip. */
public final class DogNames {
  private final ConnectionFactory pool;

  DogNames(ConnectionFactory pool) {
    this.pool = pool;
  }

  /**
   * The dog's name; a file the database does not know is still a good photo, served under a
   * fallback name.
   */
  public Mono<DogName> nameOf(String filename, Deadline deadline) {
    // The filename is the primary key: at most one row, read to the end rather than cancelled after
    // the first.
    return R2dbc.run(
            pool,
            Step.NAME,
            deadline,
            connection ->
                Flux.from(connection.createStatement(Sql.SELECT_NAME).bind(0, filename).execute())
                    .flatMap(result -> result.map(row -> row.get(0, String.class)))
                    .singleOrEmpty())
        .map(DogName::known)
        .defaultIfEmpty(DogName.fallback());
  }
}
