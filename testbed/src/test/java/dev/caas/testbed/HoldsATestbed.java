package dev.caas.testbed;

/**
 * A program that starts a testbed with the proxy and the upstream in processes of their own, says
 * so, and waits to be killed without ever closing it, as {@code caas bench} does when it is stopped
 * in the middle of a run.
 */
final class HoldsATestbed {
  private HoldsATestbed() {}

  public static void main(String[] args) throws Exception {
    Testbed testbed =
        Testbed.start(
            TestbedOptions.of(Backend.EMBEDDED).withProcesses(ProcessLayout.SEPARATE_PROCESSES));
    System.out.println(
        "ready " + testbed.layout().proxyPid() + " " + testbed.layout().upstreamPid());
    Thread.sleep(Long.MAX_VALUE);
  }
}
