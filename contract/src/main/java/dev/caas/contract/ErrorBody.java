package dev.caas.contract;

import java.util.UUID;

/** The JSON body of every error answer: {@code {"error": "...", "step": "upstream", "requestId": "..."}}. */
public record ErrorBody(String error, Step step, UUID requestId) {

  public static ErrorBody of(StepFailure failure, UUID requestId) {
    return new ErrorBody(failure.getMessage(), failure.step(), requestId);
  }

  public String toJson() {
    return "{\"error\":" + Json.string(error)
        + ",\"step\":" + Json.string(step == null ? null : step.wireName())
        + ",\"requestId\":" + Json.string(requestId == null ? null : requestId.toString())
        + "}";
  }
}
