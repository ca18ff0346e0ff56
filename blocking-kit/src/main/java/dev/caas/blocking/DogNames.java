package dev.caas.blocking;

import dev.caas.contract.Sql;
import dev.caas.contract.Step;
import dev.caas.contract.StepFailure;
import javax.sql.DataSource;

/** Step 3 over JDBC: the dog's name for a filename. One round trip. */
public final class DogNames {
  private static final String SELECT = Sql.jdbc(Sql.SELECT_NAME);

  private final DataSource pool;

  public DogNames(DataSource pool) {
    this.pool = pool;
  }

  public String nameOf(String filename) {
    return Jdbc.run(pool, Step.NAME, connection -> {
      try (var query = connection.prepareStatement(SELECT)) {
        query.setString(1, filename);
        try (var rows = query.executeQuery()) {
          if (!rows.next()) {
            throw StepFailure.badGateway(Step.NAME, "upstream sent a file the database does not know");
          }
          return rows.getString(1);
        }
      }
    });
  }
}
