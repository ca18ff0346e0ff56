package dev.caas.workshop.checker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ThreadDumpTest {
  /**
   * Cut from a real {@code jcmd PID Thread.print} of the dont-block-the-event-loop starter under
   * load.
   */
  private static final String DUMP =
      """
      26772:
      2026-11-25 15:01:02
      Full thread dump OpenJDK 64-Bit Server VM (25.0.3+9-LTS mixed mode, sharing):

      "reactor-http-epoll-1" #41 [26830] daemon prio=5 os_prio=0 cpu=210.3ms elapsed=12.1s tid=0x0 nid=26830 waiting on condition  [0x0]
         java.lang.Thread.State: TIMED_WAITING (parking)
      \tat jdk.internal.misc.Unsafe.park(java.base@25.0.3/Native Method)
      \t- parking to wait for  <0x00000000fe2a1b10> (a java.util.concurrent.CompletableFuture$Signaller)
      \tat java.util.concurrent.locks.LockSupport.parkNanos(java.base@25.0.3/LockSupport.java:271)
      \tat java.util.concurrent.CompletableFuture$Signaller.block(java.base@25.0.3/CompletableFuture.java:1873)
      \tat java.util.concurrent.CompletableFuture.timedGet(java.base@25.0.3/CompletableFuture.java:1939)
      \tat dev.caas.blocking.CanineUpstream.fetch(CanineUpstream.java:51)
      \tat dev.caas.workshop.dontblocktheeventloop.DogHandler.lambda$serve$2(DogHandler.java:49)
      \tat reactor.core.publisher.MonoCallable.subscribe(MonoCallable.java:48)

      "reactor-http-epoll-2" #42 [26831] daemon prio=5 os_prio=0 cpu=180.1ms elapsed=12.1s tid=0x0 nid=26831 runnable  [0x0]
         java.lang.Thread.State: RUNNABLE
      \tat io.netty.channel.epoll.Native.epollWait(Native Method)
      \tat io.netty.channel.epoll.EpollIoHandler.epollWait(EpollIoHandler.java:432)
      \tat io.netty.channel.SingleThreadIoEventLoop.run(SingleThreadIoEventLoop.java:186)

      "request-7" #77 [26900] virtual
         java.lang.Thread.State: WAITING (parking)
      \tat jdk.internal.misc.Unsafe.park(java.base@25.0.3/Native Method)
      """;

  @Test
  void reads_each_threads_name_state_and_frames() {
    var dump = ThreadDump.parse(DUMP);
    assertThat(dump.threads())
        .extracting(ThreadDump.Thread::name)
        .containsExactly("reactor-http-epoll-1", "reactor-http-epoll-2", "request-7");
    assertThat(dump.threads().getFirst().state()).isEqualTo("TIMED_WAITING");
    assertThat(dump.threads().getFirst().frames()).startsWith("jdk.internal.misc.Unsafe.park");
  }

  @Test
  void an_event_loop_parked_in_a_blocking_call_is_caught_with_its_caller() {
    var loops = EventLoops.of(ThreadDump.parse(DUMP));
    assertThat(loops).hasSize(2);
    var blocked = EventLoops.blocked(loops.getFirst()).orElseThrow();
    assertThat(blocked.blockingCall())
        .isEqualTo("java.util.concurrent.CompletableFuture$Signaller.block");
    assertThat(blocked.caller())
        .startsWith("dev.caas.blocking.CanineUpstream.fetch ← dev.caas.workshop");
  }

  @Test
  void an_event_loop_waiting_for_sockets_is_not_blocked() {
    var loops = EventLoops.of(ThreadDump.parse(DUMP));
    assertThat(EventLoops.blocked(loops.get(1))).isEmpty();
  }
}
