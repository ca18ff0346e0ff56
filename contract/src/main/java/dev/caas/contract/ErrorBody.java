package dev.caas.contract;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSON body of every error answer: {@code {"error": "...", "step": "upstream", "requestId":
 * "..."}}.
 */
public record ErrorBody(String error, Step step, UUID requestId) {
  private static final Pattern STEP = Pattern.compile("\"step\"\\s*:\\s*\"([^\"]*)\"");

  public static ErrorBody of(StepFailure failure, UUID requestId) {
    return new ErrorBody(failure.getMessage(), failure.step(), requestId);
  }

  public String toJson() {
    return "{\"error\":"
        + Json.string(error)
        + ",\"step\":"
        + Json.string(step == null ? null : step.wireName())
        + ",\"requestId\":"
        + Json.string(requestId == null ? null : requestId.toString())
        + "}";
  }

  /**
   * The {@code "step"} of an error body as a client received it, or {@code null} when it names none
   * or is not the contract's JSON (a proxy's or a framework's own error page).
   */
  public static String stepOf(String errorBody) {
    Matcher step = STEP.matcher(errorBody);
    return step.find() ? step.group(1) : null;
  }
}
