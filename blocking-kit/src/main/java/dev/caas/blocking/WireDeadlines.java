package dev.caas.blocking;

import dev.caas.contract.VariantOptions;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * The two deadlines on the wire, with the values of {@link VariantOptions} (the reactive variants'
 * {@code WireDeadlines} sets the same two on Reactor Netty):
 *
 * <ul>
 *   <li>the <b>idle timeout</b>: Jetty's own, on its connector;
 *   <li>the <b>header deadline</b>: a request's head must be complete within {@code headerTimeout}
 *       of its first byte. Jetty's idle timeout starts again with every byte, so a client that
 *       drips its headers (slowloris) would hold its connection for ever. Jetty has no such
 *       deadline, so each connection is watched: between requests, a check every quarter of the
 *       deadline notes when new bytes arrived, and closes the connection if no request began a
 *       deadline later. A connection is closed between {@code headerTimeout} and 1.5 × {@code
 *       headerTimeout} after its first byte.
 * </ul>
 */
final class WireDeadlines extends Handler.Wrapper implements Connection.Listener {
  private static final ScheduledThreadPoolExecutor TIMER = Watchdog.timer("header-deadline");

  private final long headerTimeoutNanos;
  private final long checkEveryNanos;
  private final Map<Connection, Watch> watched = new ConcurrentHashMap<>();

  /** One connection's state between requests. */
  private static final class Watch {
    volatile boolean inRequest;
    volatile long bytesAtRest;
    volatile long firstBytesSeenAt;
    volatile ScheduledFuture<?> checks;
  }

  private WireDeadlines(Duration headerTimeout) {
    this.headerTimeoutNanos = headerTimeout.toNanos();
    this.checkEveryNanos = Math.max(Duration.ofMillis(10).toNanos(), headerTimeoutNanos / 4);
  }

  /** Sets the idle timeout on every connector and watches the header deadline. */
  static void install(JavalinConfig config, VariantOptions options) {
    var deadlines = new WireDeadlines(options.headerTimeout());
    config.jetty.modifyServer(
        server ->
            server.addEventListener(
                new LifeCycle.Listener() {
                  @Override
                  public void lifeCycleStarting(LifeCycle event) {
                    for (var connector : server.getConnectors()) {
                      if (connector instanceof AbstractConnector jetty) {
                        jetty.setIdleTimeout(options.idleTimeout().toMillis());
                        jetty.addEventListener(deadlines);
                      }
                    }
                  }
                }));
    config.jetty.modifyServletContextHandler(context -> context.insertHandler(deadlines));
  }

  @Override
  public void onOpened(Connection connection) {
    var watch = new Watch();
    watched.put(connection, watch);
    watch.checks =
        TIMER.scheduleWithFixedDelay(
            () -> check(connection, watch), checkEveryNanos, checkEveryNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void onClosed(Connection connection) {
    var watch = watched.remove(connection);
    if (watch != null) {
      watch.checks.cancel(false);
    }
  }

  private void check(Connection connection, Watch watch) {
    if (watch.inRequest) {
      return;
    }
    long now = System.nanoTime();
    if (connection.getBytesIn() <= watch.bytesAtRest) {
      watch.firstBytesSeenAt = 0;
    } else if (watch.firstBytesSeenAt == 0) {
      watch.firstBytesSeenAt = now;
    } else if (now - watch.firstBytesSeenAt >= headerTimeoutNanos) {
      connection.getEndPoint().close();
    }
  }

  /** A request's head is complete: the deadline stops until its answer is written. */
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    var connection = request.getConnectionMetaData().getConnection();
    var watch = watched.get(connection);
    if (watch == null) {
      return super.handle(request, response, callback);
    }
    watch.inRequest = true;
    Runnable atRest =
        () -> {
          watch.bytesAtRest = connection.getBytesIn();
          watch.firstBytesSeenAt = 0;
          watch.inRequest = false;
        };
    var answered =
        new Callback.Nested(callback) {
          @Override
          public void succeeded() {
            atRest.run();
            super.succeeded();
          }

          @Override
          public void failed(Throwable failure) {
            atRest.run();
            super.failed(failure);
          }
        };
    return super.handle(request, response, answered);
  }
}
