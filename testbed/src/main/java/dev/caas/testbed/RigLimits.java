package dev.caas.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the machine allows the rig: open files per process (every socket is one), ephemeral ports
 * per pair of addresses (each outgoing connection from one address to one address and port takes
 * one), and the files each process keeps for itself (jars, pipes, logs, the JVM's own).
 *
 * @param openFilesPerProcess the soft {@code RLIMIT_NOFILE}; child processes inherit it
 * @param ephemeralPortsPerAddressPair the size of {@code net.ipv4.ip_local_port_range}
 * @param reservedFilesPerProcess kept out of the budget for what is not a connection
 */
public record RigLimits(
    long openFilesPerProcess, int ephemeralPortsPerAddressPair, int reservedFilesPerProcess) {

  /** Linux's default {@code ip_local_port_range}, 32768–60999. */
  static final int DEFAULT_EPHEMERAL_PORTS = 60_999 - 32_768 + 1;

  /** Jars, class data, pipes, logs, the JVM's own descriptors: 200 leaves room for all of them. */
  public static final int DEFAULT_RESERVE = 200;

  public RigLimits {
    if (openFilesPerProcess <= 0
        || ephemeralPortsPerAddressPair <= 0
        || reservedFilesPerProcess < 0) {
      throw new IllegalArgumentException(
          "limits must be positive: open files "
              + openFilesPerProcess
              + ", ports "
              + ephemeralPortsPerAddressPair
              + ", reserve "
              + reservedFilesPerProcess);
    }
  }

  /** Open files a process may spend on connections. */
  public long openFilesAvailable() {
    return openFilesPerProcess - reservedFilesPerProcess;
  }

  /**
   * Read from {@code /proc/self/limits} and {@code /proc/sys/net/ipv4/ip_local_port_range}; where
   * they cannot be read (not Linux), 1,024 open files and Linux's default port range, which err on
   * the side of refusing.
   */
  public static RigLimits ofThisMachine() {
    return new RigLimits(
        readOpenFilesLimit(Path.of("/proc/self/limits")).orElse(1_024L),
        readPortRange(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))
            .orElse(DEFAULT_EPHEMERAL_PORTS),
        DEFAULT_RESERVE);
  }

  /** The soft limit from a {@code /proc/PID/limits} file; empty when unreadable or unlimited. */
  static Optional<Long> readOpenFilesLimit(Path limits) {
    try {
      for (String line : Files.readAllLines(limits)) {
        if (line.startsWith("Max open files")) {
          List<String> fields =
              List.of(line.substring("Max open files".length()).trim().split("\\s+"));
          return fields.getFirst().equals("unlimited")
              ? Optional.empty()
              : Optional.of(Long.parseLong(fields.getFirst()));
        }
      }
    } catch (IOException | RuntimeException e) {
      // Not Linux, or an unexpected format: the caller's fallback applies.
    }
    return Optional.empty();
  }

  /** How many ports {@code ip_local_port_range} ("32768\t60999") holds; empty when unreadable. */
  static Optional<Integer> readPortRange(Path range) {
    try {
      // Line by line: Files.readString trusts the size /proc reports and returned "3" (JDK 25).
      String[] bounds = Files.readAllLines(range).getFirst().trim().split("\\s+");
      return Optional.of(Integer.parseInt(bounds[1]) - Integer.parseInt(bounds[0]) + 1);
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }
}
