package dev.caas.harness.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The keep-alive connections of one {@link RequestClient}: at most {@code max} open; a call gets an
 * idle one, else a new one while there is room, else waits in line (an open loop that got ahead of
 * its connections: the wait is latency, the generator's queue, and it counts against the call's
 * timeout).
 *
 * <p>The most recently used idle connection is given first, so a closed loop of C clients keeps
 * reusing the same C connections. A connection the server closed while idle is noticed when it is
 * next taken, and dropped.
 */
final class ConnectionPool {
  private final Bootstrap bootstrap;
  private final int max;
  private final String hostHeader;
  private final ChannelGroup all = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);

  // Guarded by this.
  private final ArrayDeque<Channel> idle = new ArrayDeque<>();
  private final ArrayDeque<Call> waiting = new ArrayDeque<>();
  private int open;
  private boolean closed;

  ConnectionPool(Bootstrap bootstrap, int max, String hostHeader) {
    this.bootstrap = bootstrap;
    this.max = max;
    this.hostHeader = hostHeader;
  }

  /** The {@code Host} header of every request: the server's address as the base URL gave it. */
  String hostHeader() {
    return hostHeader;
  }

  /** Puts {@code call} on a connection, now or as soon as one is free. */
  void submit(Call call) {
    Channel channel = null;
    boolean connect = false;
    synchronized (this) {
      if (!closed) {
        channel = takeIdle();
        if (channel == null && open < max) {
          open++;
          connect = true;
        } else if (channel == null) {
          waiting.addLast(call);
          return;
        }
      }
    }
    if (channel != null) {
      dispatch(channel, call);
    } else if (connect) {
      connect(call);
    } else {
      call.fail(new IOException("the client is closed"));
    }
  }

  /** A connection finished its answer and may carry another call. */
  void release(Channel channel) {
    Call next;
    synchronized (this) {
      next = closed ? null : nextWaiting();
      if (next == null && !closed) {
        idle.addLast(channel);
        return;
      }
    }
    if (next != null) {
      dispatch(channel, next);
    } else {
      channel.close();
    }
  }

  /** The call's time is up: it fails as a timeout, and its connection, if any, is closed. */
  void expire(Call call) {
    if (!call.timeOut()) {
      return;
    }
    Channel channel = call.channel;
    if (channel != null) {
      channel.close(); // a late answer must not land on the next call
    } else {
      synchronized (this) {
        waiting.remove(call);
      }
    }
  }

  /** Closes every connection and fails the calls still waiting for one. */
  void close() {
    List<Call> left;
    synchronized (this) {
      closed = true;
      idle.clear();
      left = new ArrayList<>(waiting);
      waiting.clear();
    }
    all.close().awaitUninterruptibly();
    left.forEach(call -> call.fail(new IOException("the client is closed")));
  }

  private void connect(Call call) {
    bootstrap
        .connect()
        .addListener(
            (ChannelFuture connected) -> {
              if (connected.isSuccess()) {
                Channel channel = connected.channel();
                all.add(channel);
                channel.closeFuture().addListener(closed -> lost());
                dispatch(channel, call);
              } else {
                call.fail(connected.cause());
                lost();
              }
            });
  }

  /** A connection closed, or could not be opened: its room goes to the next waiting call. */
  private void lost() {
    Call next;
    synchronized (this) {
      open--;
      next = closed ? null : nextWaiting();
      if (next == null) {
        return;
      }
      open++;
    }
    connect(next);
  }

  private void dispatch(Channel channel, Call call) {
    call.channel = channel;
    channel.writeAndFlush(call, channel.voidPromise());
  }

  /** The most recently released connection still open, or null. Guarded by this. */
  private Channel takeIdle() {
    for (Channel channel; (channel = idle.pollLast()) != null; ) {
      if (channel.isActive()) {
        return channel;
      }
    }
    return null;
  }

  /** The first waiting call not yet over (timed out meanwhile), or null. Guarded by this. */
  private Call nextWaiting() {
    for (Call call; (call = waiting.pollFirst()) != null; ) {
      if (!call.isOver()) {
        return call;
      }
    }
    return null;
  }
}
