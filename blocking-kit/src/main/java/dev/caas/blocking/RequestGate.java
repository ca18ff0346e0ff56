package dev.caas.blocking;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.RequestRules;
import io.javalin.config.JavalinConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The contract's {@link RequestRules} in front of everything else (the queue, Javalin's routes): a
 * request no endpoint serves is refused before it takes a place in the queue or a thread's time.
 * The reactive variants' {@code RequestGate} applies the same rules.
 */
final class RequestGate extends Handler.Wrapper {
  /** Installs the gate outside every handler installed so far. */
  static void install(JavalinConfig config) {
    config.jetty.modifyServletContextHandler(context -> context.insertHandler(new RequestGate()));
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    var refusal =
        RequestRules.check(
            request.getMethod(),
            request.getConnectionMetaData().getHttpVersion() == HttpVersion.HTTP_1_1,
            request.getHeaders().contains(HttpHeader.HOST));
    if (refusal == null) {
      return super.handle(request, response, callback);
    }
    response.setStatus(refusal.status());
    refusal.headers().forEach((name, value) -> response.getHeaders().put(name, value));
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, DogHeaders.APPLICATION_JSON);
    response.getHeaders().put(DogHeaders.X_CONTENT_TYPE_OPTIONS, "nosniff");
    response.write(
        true, ByteBuffer.wrap(refusal.json().getBytes(StandardCharsets.UTF_8)), callback);
    return true;
  }
}
