package dev.caas.toxiproxy;

import java.util.function.Consumer;

/**
 * Stops all data (it is dropped) and closes the connection once {@code timeout} milliseconds pass
 * without data arriving; 0 keeps the connection open forever. As in Toxiproxy, removing the toxic
 * closes the connections it had silenced, since their streams lost data.
 */
record TimeoutToxic(long timeout) implements Toxic {

  @Override
  public String type() {
    return "timeout";
  }

  @Override
  public Stage start(long nowNanos) {
    return new Silence(nowNanos);
  }

  private final class Silence implements Stage {
    private long deadline;
    private boolean fired;

    Silence(long nowNanos) {
      deadline = nowNanos + Toxic.millisToNanos(timeout);
    }

    @Override
    public void accept(Segment segment, Consumer<Segment> next) {
      if (segment instanceof Segment.Data data) {
        // Toxiproxy restarts its timer whenever it swallows a chunk.
        deadline = data.dueNanos() + Toxic.millisToNanos(timeout);
      } else {
        next.accept(segment);
      }
    }

    @Override
    public long deadlineNanos() {
      return timeout > 0 && !fired ? deadline : NO_DEADLINE;
    }

    @Override
    public void onDeadline(long nowNanos, Consumer<Segment> next) {
      fired = true;
      next.accept(new Segment.Abort(nowNanos, false));
    }

    @Override
    public boolean endsConnectionWhenRemoved() {
      return true;
    }
  }
}
