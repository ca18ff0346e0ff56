package dev.caas.harness.load;

import dev.caas.contract.DogHeaders;
import dev.caas.contract.ErrorBody;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The last handler of a {@link RequestClient} connection: turns the {@link Call} written to the
 * connection into a {@code GET}, and the decoded answer into the call's {@link Exchange}. One call
 * at a time per connection (HTTP/1.1 without pipelining); everything here runs on the connection's
 * event loop, so its state needs no locks.
 */
final class AnswerReader extends ChannelDuplexHandler {
  /** Enough for the contract's error JSON; anything longer is not it. */
  private static final int ERROR_BODY_CAP = 4096;

  private final ConnectionPool pool;

  /** The call on the wire, or null while the connection is idle. */
  private Call current;

  private int status;
  private boolean keepAlive;
  private long bytes;
  private String filename;
  private String serverTiming;
  private StringBuilder errorBody;

  AnswerReader(ConnectionPool pool) {
    this.pool = pool;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (!(msg instanceof Call call)) {
      ctx.write(msg, promise);
      return;
    }
    if (call.isTooLateToSend()) { // its timer is late: it is not sent at all
      call.timeOut(); // nothing if it is over already
    }
    if (call.isOver()) { // timed out while it waited for this connection
      pool.release(ctx.channel());
      return;
    }
    current = call;
    status = 0;
    bytes = 0;
    filename = null;
    serverTiming = null;
    errorBody = null;
    call.sentNanos = System.nanoTime(); // the connection is ours: the server's time starts here
    FullHttpRequest request =
        new DefaultFullHttpRequest(
            HttpVersion.HTTP_1_1, HttpMethod.GET, call.path, Unpooled.EMPTY_BUFFER);
    request
        .headers()
        .set(HttpHeaderNames.HOST, pool.hostHeader())
        .set(HttpHeaderNames.ACCEPT, "*/*");
    ctx.writeAndFlush(request).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (current == null || !(msg instanceof HttpObject object)) {
        return; // nothing asked for it: a late byte after a timeout closed the connection
      }
      if (object.decoderResult().isFailure()) {
        failCurrent(object.decoderResult().cause());
        ctx.close();
        return;
      }
      if (msg instanceof HttpResponse response) {
        status = response.status().code();
        keepAlive = HttpUtil.isKeepAlive(response);
        filename = response.headers().get(DogHeaders.X_FILENAME);
        serverTiming = response.headers().get(DogHeaders.SERVER_TIMING);
        // A photo is only counted; an error's small JSON body is kept to read the step it blames.
        errorBody = status == 200 ? null : new StringBuilder();
      }
      if (msg instanceof HttpContent content) {
        int readable = content.content().readableBytes();
        bytes += readable;
        if (errorBody != null && errorBody.length() < ERROR_BODY_CAP) {
          errorBody.append(content.content().toString(StandardCharsets.UTF_8));
        }
        if (msg instanceof LastHttpContent) {
          answered(ctx);
        }
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  /** The body's last byte is in: the connection goes back first, so the next call may take it. */
  private void answered(ChannelHandlerContext ctx) {
    Call call = current;
    current = null;
    var exchange =
        new Exchange(
            call.issuedNanos,
            call.sentNanos,
            System.nanoTime(),
            status,
            bytes,
            filename,
            serverTiming,
            null,
            errorBody == null ? null : ErrorBody.stepOf(errorBody.toString()));
    if (keepAlive && !call.isOver()) {
      pool.release(ctx.channel());
    } else {
      ctx.close();
    }
    call.finish(exchange);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    failCurrent(new IOException("connection closed before the answer was complete"));
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    failCurrent(cause);
    ctx.close();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
    if (event instanceof IdleStateEvent && current == null) {
      ctx.close(); // idle too long: closed by us before the server's idle timeout can
    } else {
      super.userEventTriggered(ctx, event);
    }
  }

  private void failCurrent(Throwable cause) {
    Call call = current;
    current = null;
    if (call != null) {
      call.fail(cause);
    }
  }
}
