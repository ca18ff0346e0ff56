package dev.caas.reactive;

import dev.caas.contract.Sql;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Step 3 over R2DBC: the dog's name for a filename. One round trip. */
final class DogNames {
  private final ConnectionFactory pool;
  private final Duration deadline;

  DogNames(ConnectionFactory pool, Duration deadline) {
    this.pool = pool;
    this.deadline = deadline;
  }

  Mono<String> nameOf(String filename) {
    // The filename is the primary key: at most one row, read to the end rather than cancelled after the first.
    return R2dbc.run(pool, Step.NAME, deadline, connection ->
            Flux.from(connection.createStatement(Sql.SELECT_NAME).bind(0, filename).execute())
                .flatMap(result -> result.map(row -> row.get(0, String.class)))
                .singleOrEmpty())
        .switchIfEmpty(Mono.error(() ->
            StepFailure.badGateway(Step.NAME, "upstream sent a file the database does not know")));
  }
}
