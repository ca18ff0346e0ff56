package dev.caas.contract;

import java.util.LinkedHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a variant is busy with right now, reported on {@code /health} beside its {@link Limits}: the
 * harness and the fault tests read it to check that, once a fault is healed and the load stops,
 * every pool is back to idle and nothing of a failed request is still running or waiting to be
 * undone.
 *
 * @param inFlight photo requests received and not yet answered
 * @param dbActive database connections lent out
 * @param dbIdle database connections open and free
 * @param dbWaiting requests waiting for a database connection
 * @param compensationsPending billing events of failed requests still to be deleted (retried until
 *     the database takes them)
 */
public record Load(
    int inFlight, int dbActive, int dbIdle, int dbWaiting, int compensationsPending) {
  private static final Pattern FIELD =
      Pattern.compile("\"(inFlight|dbActive|dbIdle|dbWaiting|compensationsPending)\":(\\d+)");

  /**
   * Nothing running, nothing waiting, nothing to undo, and the database pool full and free again.
   */
  public boolean idle(int dbPool) {
    return inFlight == 0
        && dbActive == 0
        && dbWaiting == 0
        && compensationsPending == 0
        && dbIdle == dbPool;
  }

  public String toJson() {
    var values = new LinkedHashMap<String, Integer>();
    values.put("inFlight", inFlight);
    values.put("dbActive", dbActive);
    values.put("dbIdle", dbIdle);
    values.put("dbWaiting", dbWaiting);
    values.put("compensationsPending", compensationsPending);
    return Json.numbers(values);
  }

  /**
   * Reads the {@code load} object out of a {@code /health} body.
   *
   * @throws IllegalArgumentException when a field is missing
   */
  public static Load fromHealthJson(String health) {
    int start = health.indexOf("\"load\":");
    if (start < 0) {
      throw new IllegalArgumentException("no \"load\" in /health: " + health);
    }
    var values = new LinkedHashMap<String, Integer>();
    Matcher m = FIELD.matcher(health.substring(start));
    while (m.find()) {
      values.putIfAbsent(m.group(1), Integer.parseInt(m.group(2)));
    }
    if (values.size() < 5) {
      throw new IllegalArgumentException("incomplete \"load\" in /health: " + health);
    }
    return new Load(
        values.get("inFlight"),
        values.get("dbActive"),
        values.get("dbIdle"),
        values.get("dbWaiting"),
        values.get("compensationsPending"));
  }

  @Override
  public String toString() {
    return inFlight
        + " in flight, db "
        + dbActive
        + " active/"
        + dbIdle
        + " idle/"
        + dbWaiting
        + " waiting, "
        + compensationsPending
        + " compensations pending";
  }
}
