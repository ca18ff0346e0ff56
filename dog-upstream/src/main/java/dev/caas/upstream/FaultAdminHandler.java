package dev.caas.upstream;

import dev.caas.upstream.http.Answer;
import dev.caas.upstream.http.Handler;
import dev.caas.upstream.http.RequestHead;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code GET /admin/fault} answers the current fault's name; {@code PUT /admin/fault/{name}}
 * switches to another (204), so a harness in another process can break the upstream on cue.
 */
final class FaultAdminHandler implements Handler {
  static final String PATH = "/admin/fault";

  private final Supplier<UpstreamFault> currentFault;
  private final Consumer<UpstreamFault> setFault;

  FaultAdminHandler(Supplier<UpstreamFault> currentFault, Consumer<UpstreamFault> setFault) {
    this.currentFault = currentFault;
    this.setFault = setFault;
  }

  @Override
  public void handle(RequestHead request, Answer answer) throws IOException {
    String method = request.method();
    String rest = request.path().substring(PATH.length());
    if (method.equals("GET") && (rest.isEmpty() || rest.equals("/"))) {
      PlainText.send(answer, 200, currentFault.get().name());
    } else if (method.equals("PUT") && rest.startsWith("/") && rest.length() > 1) {
      switchTo(answer, rest.substring(1));
    } else {
      PlainText.send(
          answer, 404, "use GET " + PATH + " or PUT " + PATH + "/{" + UpstreamFault.names() + "}");
    }
  }

  private void switchTo(Answer answer, String name) throws IOException {
    UpstreamFault fault;
    try {
      fault = UpstreamFault.parse(name);
    } catch (IllegalArgumentException e) {
      PlainText.send(answer, 400, e.getMessage());
      return;
    }
    setFault.accept(fault);
    answer.sendNoContent();
  }
}
