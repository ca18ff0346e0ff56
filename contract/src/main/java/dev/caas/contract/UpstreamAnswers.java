package dev.caas.contract;

import java.util.Locale;

/**
 * What makes an upstream answer acceptable, checked the same way by every variant before it is
 * trusted: status 200, labelled a JPEG, a valid {@code X-Filename}, a body within {@link
 * #MAX_PHOTO_BYTES} that is a JPEG ({@link #checkBody}).
 */
public final class UpstreamAnswers {
  /**
   * Photos are 30–100 KB; anything past this cap is refused while reading, never buffered whole.
   */
  public static final int MAX_PHOTO_BYTES = 2 * 1024 * 1024;

  private UpstreamAnswers() {}

  /**
   * Checks the head of an answer (before its body is read).
   *
   * @return the valid filename
   * @throws StepFailure 502 naming what is wrong
   */
  public static String checkHead(int status, String contentType, String filename) {
    if (status != 200) {
      throw StepFailure.badGateway(Step.UPSTREAM, "upstream answered status " + status);
    }
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith(DogHeaders.IMAGE_JPEG)) {
      throw StepFailure.badGateway(Step.UPSTREAM, "upstream answered a non-JPEG content type");
    }
    return Filenames.requireValid(filename);
  }

  /**
   * Checks the body: a JPEG begins with the start-of-image marker {@code FF D8} and ends with the
   * end-of-image marker {@code FF D9}. Whatever its label says, anything else (an HTML page, a
   * truncated photo) is not served as a photo, and not billed.
   *
   * @return the body, unchanged
   * @throws StepFailure 502 naming what is wrong
   */
  public static byte[] checkBody(byte[] body) {
    int n = body.length;
    boolean startOfImage = n >= 4 && (body[0] & 0xFF) == 0xFF && (body[1] & 0xFF) == 0xD8;
    boolean endOfImage = n >= 4 && (body[n - 2] & 0xFF) == 0xFF && (body[n - 1] & 0xFF) == 0xD9;
    if (!startOfImage || !endOfImage) {
      throw StepFailure.badGateway(
          Step.UPSTREAM, "upstream body is not a JPEG (no start or end of image marker)");
    }
    return body;
  }

  /** The failure for a body that passed {@link #MAX_PHOTO_BYTES}. */
  public static StepFailure tooLarge() {
    return StepFailure.badGateway(
        Step.UPSTREAM, "upstream body exceeds " + MAX_PHOTO_BYTES + " bytes");
  }
}
