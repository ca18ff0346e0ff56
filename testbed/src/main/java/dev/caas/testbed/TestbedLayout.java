package dev.caas.testbed;

import java.util.List;

/**
 * How a running testbed is laid out, for the budget check and a report's provenance.
 *
 * @param processes where the proxy and the upstream run
 * @param proxySourceAddresses the addresses the proxy dials the upstream from, round robin; each
 *     brings its own range of ephemeral ports
 * @param proxyPid the proxy's process id, or -1 when it runs in this JVM (or is not ours)
 * @param upstreamPid the upstream's process id, or -1 when it runs in this JVM
 */
public record TestbedLayout(
    ProcessLayout processes, List<String> proxySourceAddresses, long proxyPid, long upstreamPid) {

  public TestbedLayout {
    proxySourceAddresses = List.copyOf(proxySourceAddresses);
    if (proxySourceAddresses.isEmpty()) {
      throw new IllegalArgumentException("the proxy dials from at least one address");
    }
  }

  /** A layout for planning, before anything runs. */
  public static TestbedLayout planned(ProcessLayout processes, List<String> proxySourceAddresses) {
    return new TestbedLayout(processes, proxySourceAddresses, -1, -1);
  }
}
