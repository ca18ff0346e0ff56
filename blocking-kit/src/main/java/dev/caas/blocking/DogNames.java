package dev.caas.blocking;

import dev.caas.contract.Deadline;
import dev.caas.contract.DogName;
import dev.caas.contract.Sql;
import dev.caas.contract.Step;

/**
 * Step 3 over JDBC: the dog's name for a filename, or the fallback for a file the database does not
 * know.
 */
public final class DogNames {
  private static final String SELECT = Sql.jdbc(Sql.SELECT_NAME);

  private final FairPool pool;

  DogNames(FairPool pool) {
    this.pool = pool;
  }

  public DogName nameOf(String filename, Deadline deadline) {
    return Jdbc.run(
        pool,
        Step.NAME,
        deadline,
        connection -> {
          try (var query = connection.prepareStatement(SELECT)) {
            query.setString(1, filename);
            try (var rows = query.executeQuery()) {
              return rows.next() ? DogName.known(rows.getString(1)) : DogName.fallback();
            }
          }
        });
  }
}
