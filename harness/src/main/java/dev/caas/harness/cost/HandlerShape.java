package dev.caas.harness.cost;

/**
 * The assumptions a {@link WaitingRequestCost} prediction rests on, in one place so a report can
 * print them and a measurement can replace them.
 *
 * @param stackFrames Java frames on the waiting request's stack, from the thread's entry down to
 *     the call it waits in (a thread dump gives it: {@link
 *     ThreadCensus#virtualStackFramesMedian()})
 * @param bytesPerFrame the average size of one frame. A compiled frame holds the return address,
 *     the saved frame pointer and its spilled locals and outgoing arguments; an interpreted frame a
 *     fixed part of about ten words plus its locals and operand stack, about twice as much.
 *     Measured here (JvmMeterTest): 1,000 virtual threads parked 46 frames deep cost 6.4 KB each on
 *     the heap while the recursion ran interpreted, 2.6–3.2 KB once compiled, that is ≈ 130 and ≈
 *     55 bytes a frame after the thread's own ≈ 400 bytes. A server after its warm-up runs compiled
 *     code, and handler methods are larger than that test's: 8 words (64 bytes) is the assumption
 * @param pageBytes the OS page: the unit in which a thread stack is committed (4 KiB on x86-64
 *     Linux)
 * @param stackShadowPages {@code StackShadowPages}: compiled code "bangs" this many pages below the
 *     stack pointer on method entry, to fail early and cleanly on overflow, so they are committed
 *     on every Java thread that ran compiled code (20 on x86-64 Linux; {@link JvmFlags} reads it)
 * @param operatorsPerRequest Reactor operators assembled per request, the handler's and WebFlux's
 *     own (the filter chain, the codecs, WebClient's exchange)
 */
public record HandlerShape(
    int stackFrames,
    int bytesPerFrame,
    long pageBytes,
    int stackShadowPages,
    int operatorsPerRequest) {

  /**
   * A Jetty handler blocked in {@code HttpClient.send}: about 70 frames (Jetty's connection and
   * channel, Javalin's servlet and handler, the client's {@code send}, a future's {@code get}, the
   * park), 64-byte (compiled) frames, 4 KiB pages, 20 shadow pages, 40 operators.
   */
  public static final HandlerShape DEFAULT = new HandlerShape(70, 64, 4096, 20, 40);

  /** The same shape with the frame count a thread dump measured. */
  public HandlerShape withStackFrames(int frames) {
    return new HandlerShape(
        frames, bytesPerFrame, pageBytes, stackShadowPages, operatorsPerRequest);
  }

  /** The same shape with the shadow zone the variant's JVM actually uses. */
  public HandlerShape withFlagsOf(JvmFlags flags) {
    return new HandlerShape(
        stackFrames, bytesPerFrame, pageBytes, flags.stackShadowPages(), operatorsPerRequest);
  }

  /** The bytes of the frames themselves: what a virtual thread's stack chunk copies to the heap. */
  long frameBytes() {
    return (long) stackFrames * bytesPerFrame;
  }

  /**
   * The committed part of a platform thread's stack: the frames, the shadow zone below them and the
   * page at the top that holds glibc's thread descriptor, in whole pages.
   */
  long committedStackBytes() {
    long touched = frameBytes() + stackShadowPages * pageBytes + pageBytes;
    return (touched + pageBytes - 1) / pageBytes * pageBytes;
  }
}
