package dev.caas.contract;

import java.util.Map;

/**
 * What every model answers a request it will not serve, checked before any step runs, so a
 * malformed request gets the same answer from Jetty and from Reactor Netty:
 *
 * <ul>
 *   <li>an HTTP/1.1 request without {@code Host} is a 400 (RFC 9112 §3.2);
 *   <li>any method but {@code GET} is a 405 with {@code Allow: GET}: {@code HEAD} too, since a
 *       photo request is billed and a {@code HEAD} answer delivers no photo.
 * </ul>
 */
public final class RequestRules {
  /** The only method any endpoint serves. */
  public static final String ALLOWED_METHODS = "GET";

  /** Why a request is refused, as the contract's answer. */
  public record Refusal(int status, String message, Map<String, String> headers) {
    public String json() {
      return new ErrorBody(message, null, null).toJson();
    }
  }

  private RequestRules() {}

  /**
   * @param method the request's method, as sent
   * @param http11 whether the request says HTTP/1.1 (HTTP/1.0 may omit {@code Host})
   * @param hasHost whether it carries a {@code Host} header
   * @return the refusal, or {@code null} for a request that may be served
   */
  public static Refusal check(String method, boolean http11, boolean hasHost) {
    if (http11 && !hasHost) {
      return new Refusal(400, "an HTTP/1.1 request needs a Host header", Map.of());
    }
    if (!ALLOWED_METHODS.equals(method)) {
      return new Refusal(
          405, "method not allowed: only GET is served", Map.of("Allow", ALLOWED_METHODS));
    }
    return null;
  }
}
