package dev.caas.reactive;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockingOperationError;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpResources;

/**
 * The check behind the contract runs can fail: a blocking call on one of the event loops that serve
 * the requests is caught and thrown back at it. Without this, "no blocking call was caught" could
 * just mean that nothing was watching.
 */
class BlockingDetectionTest {

  @Test
  void a_sleep_on_an_event_loop_is_caught() throws Exception {
    int before = BlockingCalls.count();
    assertThat(
            failureOnEventLoop(
                () -> {
                  Thread.sleep(10);
                  return null;
                }))
        .isInstanceOf(BlockingOperationError.class)
        .hasMessageContaining("sleep");
    assertThat(BlockingCalls.count()).isEqualTo(before + 1);
  }

  @Test
  void waiting_for_a_future_on_an_event_loop_is_caught() throws Exception {
    assertThat(failureOnEventLoop(() -> new CompletableFuture<>().get(10, TimeUnit.MILLISECONDS)))
        .isInstanceOf(BlockingOperationError.class);
  }

  @Test
  void block_on_an_event_loop_is_refused() throws Exception {
    // Reactor refuses block() on its non-blocking threads by itself, before BlockHound would see
    // the wait.
    assertThat(failureOnEventLoop(() -> Mono.delay(Duration.ofMillis(10)).block()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("block()/blockFirst()/blockLast() are blocking");
  }

  @Test
  void the_same_sleep_on_an_ordinary_thread_is_allowed() throws Exception {
    int before = BlockingCalls.count();
    Thread.sleep(10);
    assertThat(BlockingCalls.count()).isEqualTo(before);
  }

  /**
   * Runs {@code work} on an event loop of Reactor Netty's shared HTTP resources, the loops the
   * variants' server runs its requests on, and returns what it threw (or {@code null}).
   */
  private static Throwable failureOnEventLoop(Callable<?> work) throws Exception {
    var eventLoop = HttpResources.get().onServer(true).next();
    try {
      eventLoop
          .submit(
              () -> {
                assertThat(Thread.currentThread().getName()).startsWith("reactor-http-");
                return work.call();
              })
          .get(5, TimeUnit.SECONDS);
      return null;
    } catch (ExecutionException e) {
      return e.getCause();
    }
  }
}
