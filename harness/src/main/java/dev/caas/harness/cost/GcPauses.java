package dev.caas.harness.cost;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

/**
 * Every collection the target JVM reports, one notification each, kept with its start time so a
 * window can take the ones inside it.
 *
 * <p>A collector's MXBean gives only a count and a total time; the longest pause, the figure a p99
 * feels, needs one record per collection: the {@code com.sun.management} GC notification carries
 * its {@code GcInfo} with start time and duration. Over a remote JMX connection the notifications
 * arrive late (the client fetches them in batches), so a window waits until it has as many as the
 * collectors' counts say happened ({@link #awaitCount}).
 */
final class GcPauses implements NotificationListener {

  /** The cause HotSpot gives a collection asked for by {@code System.gc()}: the meter's own. */
  static final String FORCED_CAUSE = "System.gc()";

  /**
   * One collection: which collector, its number in that collector's count, why, and how long it
   * took.
   */
  record Collection(String collector, long id, String cause, long durationMillis) {}

  private final List<Collection> seen = new CopyOnWriteArrayList<>();

  /**
   * Whether a collector's durations are pauses. ZGC and Shenandoah report, beside their pauses,
   * their concurrent cycles, which run beside the application and stop nothing: those are left out.
   * G1's "G1 Concurrent GC" collector counts the remark and cleanup pauses of a concurrent cycle,
   * which do stop the application, and is kept.
   */
  static boolean reportsPauses(String collector) {
    return !collector.contains("Cycles");
  }

  void listenTo(MBeanServerConnection connection, List<ObjectName> collectors)
      throws IOException, InstanceNotFoundException {
    for (ObjectName collector : collectors) {
      connection.addNotificationListener(collector, this, null, null);
    }
  }

  @Override
  public void handleNotification(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
        notification.getType())) {
      return;
    }
    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    if (reportsPauses(info.getGcName())) {
      seen.add(
          new Collection(
              info.getGcName(),
              info.getGcInfo().getId(),
              info.getGcCause(),
              info.getGcInfo().getDuration()));
    }
  }

  /**
   * The collections between two readings of the collectors' counts: of each collector, those
   * numbered after its count at {@code from} up to its count at {@code to}. All causes.
   */
  List<Collection> between(Map<String, Long> from, Map<String, Long> to) {
    return seen.stream()
        .filter(c -> c.id() > from.getOrDefault(c.collector(), 0L))
        .filter(c -> c.id() <= to.getOrDefault(c.collector(), 0L))
        .toList();
  }

  /**
   * Waits (at most {@code timeoutMillis}) until every collection between the two readings has been
   * delivered; returns whether they all were.
   */
  boolean awaitAll(Map<String, Long> from, Map<String, Long> to, long timeoutMillis)
      throws InterruptedException {
    long expected = 0;
    for (var collector : to.entrySet()) {
      expected += collector.getValue() - from.getOrDefault(collector.getKey(), 0L);
    }
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (between(from, to).size() < expected) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }
}
