package dev.caas.toxiproxy;

/**
 * A failure the control API reports as {@code {"error": message, "status": status}}. The messages
 * and codes are Toxiproxy's, so clients that match on them keep working.
 */
final class ApiException extends Exception {
  private final int status;

  ApiException(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  int status() {
    return status;
  }

  static ApiException badRequestBody(String detail) {
    return new ApiException(400, "bad request body: " + detail);
  }

  static ApiException missingField(String field) {
    return new ApiException(400, "missing required field: " + field);
  }

  static ApiException invalidStream() {
    return new ApiException(400, "stream was invalid, can be either upstream or downstream");
  }

  static ApiException invalidToxicType() {
    return new ApiException(400, "invalid toxic type");
  }

  static ApiException proxyNotFound() {
    return new ApiException(404, "proxy not found");
  }

  static ApiException proxyAlreadyExists() {
    return new ApiException(409, "proxy already exists");
  }

  static ApiException toxicNotFound() {
    return new ApiException(404, "toxic not found");
  }

  static ApiException toxicAlreadyExists() {
    return new ApiException(409, "toxic already exists");
  }
}
