package dev.caas.contract;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Header names of the contract, and the response headers of a served photo, built once for all
 * variants.
 */
public final class DogHeaders {
  /** Sent by the upstream: which file the photo is. */
  public static final String X_FILENAME = "X-Filename";

  public static final String X_DOG_NAME = "X-Dog-Name";

  /**
   * Where the name came from: {@code database}, or {@code fallback} for a file the database does
   * not know.
   */
  public static final String X_DOG_NAME_SOURCE = "X-Dog-Name-Source";

  public static final String X_REQUEST_ID = "X-Request-Id";
  public static final String X_VARIANT = "X-Variant";
  public static final String SERVER_TIMING = "Server-Timing";
  public static final String CONTENT_DISPOSITION = "Content-Disposition";
  public static final String IMAGE_JPEG = "image/jpeg";

  /**
   * Sent with every answer as {@code nosniff}: a browser takes the content type as it is and never
   * guesses another from the bytes (the body was checked to be what its type says).
   */
  public static final String X_CONTENT_TYPE_OPTIONS = "X-Content-Type-Options";

  public static final String APPLICATION_JSON = "application/json";

  private DogHeaders() {}

  /**
   * The headers of every answer, photo or error: which variant answered which request, and no
   * sniffing.
   */
  public static Map<String, String> forAnyAnswer(String variant, UUID requestId) {
    var headers = new LinkedHashMap<String, String>();
    headers.put(X_REQUEST_ID, requestId.toString());
    headers.put(X_VARIANT, variant);
    headers.put(X_CONTENT_TYPE_OPTIONS, "nosniff");
    return headers;
  }

  /**
   * The headers a 200 answer adds to {@link #forAnyAnswer}, in a stable order. The dog's name comes
   * from the database and the filename from the upstream; neither is trusted to be header-safe, so
   * the name passes through {@link Filenames} (the filename was validated with it in step 1).
   */
  public static Map<String, String> forPhoto(
      String filename, DogName dogName, String serverTiming) {
    String safeName = Filenames.safeDisplayName(dogName.name());
    var headers = new LinkedHashMap<String, String>();
    headers.put(CONTENT_DISPOSITION, "inline; filename=\"" + safeName + ".jpg\"");
    headers.put(X_DOG_NAME, safeName);
    headers.put(X_DOG_NAME_SOURCE, dogName.source());
    headers.put(X_FILENAME, filename);
    headers.put(SERVER_TIMING, serverTiming);
    return headers;
  }
}
