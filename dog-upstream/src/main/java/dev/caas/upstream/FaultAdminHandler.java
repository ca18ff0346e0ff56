package dev.caas.upstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * {@code GET /admin/fault} answers the current fault's name; {@code PUT /admin/fault/{name}}
 * switches to another (204), so a harness in another process can break the upstream on cue.
 */
final class FaultAdminHandler implements HttpHandler {
  static final String PATH = "/admin/fault";

  private final Supplier<UpstreamFault> currentFault;
  private final Consumer<UpstreamFault> setFault;

  FaultAdminHandler(Supplier<UpstreamFault> currentFault, Consumer<UpstreamFault> setFault) {
    this.currentFault = currentFault;
    this.setFault = setFault;
  }

  @Override
  public void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String rest = exchange.getRequestURI().getPath().substring(PATH.length());
      if (method.equals("GET") && (rest.isEmpty() || rest.equals("/"))) {
        PlainText.send(exchange, 200, currentFault.get().name());
      } else if (method.equals("PUT") && rest.startsWith("/") && rest.length() > 1) {
        switchTo(exchange, rest.substring(1));
      } else {
        PlainText.send(
            exchange,
            404,
            "use GET " + PATH + " or PUT " + PATH + "/{" + UpstreamFault.names() + "}");
      }
    }
  }

  private void switchTo(HttpExchange exchange, String name) throws IOException {
    UpstreamFault fault;
    try {
      fault = UpstreamFault.parse(name);
    } catch (IllegalArgumentException e) {
      PlainText.send(exchange, 400, e.getMessage());
      return;
    }
    setFault.accept(fault);
    PlainText.sendNoContent(exchange);
  }
}
