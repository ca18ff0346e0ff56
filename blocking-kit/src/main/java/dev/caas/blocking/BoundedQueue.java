package dev.caas.blocking;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.ErrorBody;
import io.javalin.config.JavalinConfig;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Admission for a bounded thread pool: at most {@code running} requests in handlers, at most {@code
 * waiting} more parked in a queue (without a thread: Jetty suspends them), and any request past
 * that refused at once with the contract's 503, rather than waiting unboundedly in the thread
 * pool's own queue. A parked request whose deadline passes before a thread frees up is answered
 * 504.
 *
 * <p>The threads that admit, park and refuse requests must not be the ones held by handlers, so the
 * pool needs a few more threads than {@code running}.
 */
public final class BoundedQueue extends QoSHandler {
  /** Installs the queue in front of Javalin's routes. */
  public static void install(JavalinConfig config, int running, int waiting, Duration deadline) {
    config.jetty.modifyServletContextHandler(
        context -> context.insertHandler(new BoundedQueue(running, waiting, deadline)));
  }

  BoundedQueue(int running, int waiting, Duration deadline) {
    setMaxRequestCount(running);
    setMaxSuspendedRequestCount(waiting);
    setMaxSuspend(deadline);
  }

  @Override
  protected void reject(Request request, Response response, Callback callback, int status) {
    answer(response, callback, 503, "server busy: all request threads and queue places taken");
  }

  @Override
  protected void expireSuspended(Request request, Response response, Callback callback) {
    answer(response, callback, 504, "deadline passed while waiting for a request thread");
  }

  private static void answer(Response response, Callback callback, int status, String message) {
    response.setStatus(status);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, DogHeaders.APPLICATION_JSON);
    // Refused before any step ran: no step to blame, no request id given yet.
    String body = new ErrorBody(message, null, null).toJson();
    response.write(true, ByteBuffer.wrap(body.getBytes(StandardCharsets.UTF_8)), callback);
  }
}
