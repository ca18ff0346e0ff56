package dev.caas.testbed;

/**
 * Where the testbed runs the Toxiproxy server and the dog upstream. PostgreSQL is always a process
 * of its own.
 */
public enum ProcessLayout {
  /**
   * In the JVM that starts the testbed: quick, and the default for tests and small runs. Their
   * sockets then count against that JVM's open-files limit, beside the load generator's.
   */
  IN_PROCESS,
  /**
   * Each in a child JVM of its own ({@code ToxiproxyMain}, {@code DogUpstreamMain}), so each
   * process has its own open-files limit and its own CPU time to account for.
   */
  SEPARATE_PROCESSES
}
