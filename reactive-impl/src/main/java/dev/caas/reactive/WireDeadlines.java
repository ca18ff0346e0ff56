package dev.caas.reactive;

import dev.caas.contract.VariantOptions;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;

/**
 * The two deadlines on the wire, with the values of {@link VariantOptions} (the blocking kit's
 * {@code WireDeadlines} sets the same two on Jetty):
 *
 * <ul>
 *   <li>the <b>idle timeout</b>: Reactor Netty's own, which closes a connection that sends nothing
 *       while no request is under way (without it, Reactor Netty keeps idle connections for ever);
 *   <li>the <b>header deadline</b>: a request's head must be complete within {@code headerTimeout}
 *       of its first byte. The idle timeout starts again with every byte, so a client that drips
 *       its headers (slowloris) would hold its connection for ever. A handler in front of the HTTP
 *       decoder sees every byte: the first one of a request starts a timer on the connection's
 *       event loop, the blank line that ends the head stops it, and a timer that rings closes the
 *       connection.
 * </ul>
 */
final class WireDeadlines {
  private WireDeadlines() {}

  static NettyServerCustomizer of(VariantOptions options) {
    return server ->
        server
            .idleTimeout(options.idleTimeout())
            .doOnChannelInit(
                (observer, channel, remote) ->
                    channel
                        .pipeline()
                        .addFirst(
                            "caas.headerDeadline", new HeaderDeadline(options.headerTimeout())));
  }

  /** One connection's header deadline; not shared, each connection has its own. */
  private static final class HeaderDeadline extends ChannelInboundHandlerAdapter {
    /** CR LF CR LF, the end of a request's head, as the last four bytes read. */
    private static final int END_OF_HEAD = 0x0D0A0D0A;

    private final long timeoutNanos;
    private int lastFourBytes;
    private ScheduledFuture<?> timer;

    HeaderDeadline(Duration timeout) {
      this.timeoutNanos = timeout.toNanos();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof ByteBuf bytes) {
        for (int i = bytes.readerIndex(); i < bytes.writerIndex(); i++) {
          if (timer == null) {
            timer = ctx.executor().schedule(() -> ctx.close(), timeoutNanos, TimeUnit.NANOSECONDS);
          }
          lastFourBytes = (lastFourBytes << 8) | (bytes.getByte(i) & 0xFF);
          if (lastFourBytes == END_OF_HEAD) {
            timer.cancel(false);
            timer = null;
          }
        }
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (timer != null) {
        timer.cancel(false);
      }
      ctx.fireChannelInactive();
    }
  }
}
