package dev.caas.harness.cost;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;

/**
 * A process with a known cost, run as a child JVM by the tests: it does what a line on its stdin
 * says and answers {@code ok} when done.
 *
 * <ul>
 *   <li>{@code burn <ms>}: spins until its own thread has used that much CPU time;
 *   <li>{@code hold <MiB>}: keeps that many mebibytes reachable, in 64 KiB arrays (small enough not
 *       to be G1's humongous objects, whose whole regions would count);
 *   <li>{@code release}: lets go of what it held;
 *   <li>{@code allocate <MiB>}: allocates that many mebibytes of garbage;
 *   <li>{@code platform <n>}: starts n platform threads that park forever;
 *   <li>{@code virtual <n> <depth>}: starts n virtual threads that park forever, {@code depth}
 *       frames down;
 *   <li>{@code files <n>}: opens {@code /dev/null} n times and keeps the files open.
 * </ul>
 */
public final class CostlyChild {

  private static final int CHUNK = 64 * 1024;
  private static final List<byte[]> held = new ArrayList<>();
  private static final List<Object> kept = new ArrayList<>();
  private static volatile long sink;

  public static void main(String[] args) throws IOException {
    var in = new BufferedReader(new InputStreamReader(System.in));
    System.out.println("ready");
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      String[] word = line.trim().split(" ");
      switch (word[0]) {
        case "burn" -> burn(Long.parseLong(word[1]));
        case "hold" -> hold(Integer.parseInt(word[1]));
        case "release" -> held.clear();
        case "allocate" -> allocate(Integer.parseInt(word[1]));
        case "churn" -> Thread.ofPlatform().daemon().start(CostlyChild::churn);
        case "platform" -> startParked(Integer.parseInt(word[1]), Thread.ofPlatform().daemon(), 0);
        case "virtual" ->
            startParked(Integer.parseInt(word[1]), Thread.ofVirtual(), Integer.parseInt(word[2]));
        case "files" -> openFiles(Integer.parseInt(word[1]));
        case "exit" -> System.exit(0);
        default -> throw new IllegalArgumentException("unknown command: " + line);
      }
      System.out.println("ok");
    }
  }

  private static void burn(long millis) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + millis * 1_000_000;
    long spins = 0;
    while (threads.getCurrentThreadCpuTime() < until) {
      spins++;
    }
    sink = spins;
  }

  private static void hold(int mebibytes) {
    for (int i = 0; i < mebibytes * (1024 * 1024 / CHUNK); i++) {
      held.add(new byte[CHUNK]);
    }
  }

  private static void allocate(int mebibytes) {
    for (int i = 0; i < mebibytes * (1024 * 1024 / CHUNK); i++) {
      byte[] garbage = new byte[CHUNK];
      sink += garbage.length;
    }
  }

  /** Allocates garbage for as long as the child lives, as a busy server does. */
  private static void churn() {
    while (true) {
      byte[] garbage = new byte[CHUNK];
      sink += garbage.length;
    }
  }

  /** Starts the threads and returns once every one of them is about to park, not before. */
  private static void startParked(int count, Thread.Builder builder, int depth) {
    var arrived = new CountDownLatch(count);
    for (int i = 0; i < count; i++) {
      kept.add(builder.start(() -> parkAtDepth(depth, arrived)));
    }
    try {
      arrived.await();
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void parkAtDepth(int depth, CountDownLatch arrived) {
    if (depth > 0) {
      parkAtDepth(depth - 1, arrived);
    } else {
      arrived.countDown();
      while (true) {
        LockSupport.park();
      }
    }
  }

  private static void openFiles(int count) throws IOException {
    for (int i = 0; i < count; i++) {
      kept.add(new FileInputStream("/dev/null"));
    }
  }
}
