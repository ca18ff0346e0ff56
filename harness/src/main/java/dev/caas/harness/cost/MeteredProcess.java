package dev.caas.harness.cost;

import java.util.Objects;

/**
 * A process whose costs a {@link CostMeter} adds up, under the name of its role in the rig.
 *
 * <p>Most roles are one process (the variant's JVM, the load generator, a proxy). PostgreSQL is a
 * tree: the postmaster forks a backend per connection plus its background workers, and what the
 * database costs is the sum over that tree, hence {@link #tree}.
 *
 * @param role what the process is in the rig: {@code variant}, {@code generator}, {@code proxy},
 *     {@code upstream}, {@code postgres}
 * @param pid the process id (of the root, for a tree)
 * @param withDescendants whether the process's children, grandchildren and so on count too
 */
public record MeteredProcess(String role, long pid, boolean withDescendants) {

  public MeteredProcess {
    Objects.requireNonNull(role, "role");
    if (pid <= 0) {
      throw new IllegalArgumentException("a pid is positive: " + pid);
    }
  }

  /** One process on its own. */
  public static MeteredProcess of(String role, long pid) {
    return new MeteredProcess(role, pid, false);
  }

  /** A process and all its descendants, summed: PostgreSQL's postmaster and its backends. */
  public static MeteredProcess tree(String role, long rootPid) {
    return new MeteredProcess(role, rootPid, true);
  }

  /** This JVM: the load generator, and today also the proxy and the upstream it hosts. */
  public static MeteredProcess self(String role) {
    return of(role, ProcessHandle.current().pid());
  }
}
