package dev.caas.contract;

/**
 * The body of {@code GET /health}: {@code
 * {"variant":"sync-gathered","ready":true,"limits":{…},"load":{…}}}.
 */
public final class Health {
  private Health() {}

  public static String json(Variant variant, boolean ready, Limits limits, Load load) {
    return "{\"variant\":"
        + Json.string(variant.wireName())
        + ",\"ready\":"
        + ready
        + ",\"limits\":"
        + limits.toJson()
        + ",\"load\":"
        + load.toJson()
        + "}";
  }
}
