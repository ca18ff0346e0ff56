package dev.caas.contract;

/** The body of {@code GET /health}: {@code {"variant":"sync-gathered","ready":true,"limits":{…}}}. */
public final class Health {
  private Health() {}

  public static String json(Variant variant, boolean ready, Limits limits) {
    return "{\"variant\":" + Json.string(variant.wireName())
        + ",\"ready\":" + ready
        + ",\"limits\":" + limits.toJson()
        + "}";
  }
}
