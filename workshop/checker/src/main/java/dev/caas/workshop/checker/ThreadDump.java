package dev.caas.workshop.checker;

import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * The threads of a running JVM, as {@code jcmd PID Thread.print} prints them ({@link Taker} takes
 * them): each thread's name, state and stack.
 */
record ThreadDump(List<ThreadDump.Thread> threads) {
  private static final Pattern HEADER = Pattern.compile("^\"(.+?)\" .*");
  private static final Pattern STATE =
      Pattern.compile("^\\s+java\\.lang\\.Thread\\.State: (\\S+)(?: \\((.+)\\))?");
  private static final Pattern FRAME = Pattern.compile("^\\s+at (\\S+?)\\(.*");

  /**
   * One thread.
   *
   * @param state {@code RUNNABLE}, {@code WAITING}, {@code TIMED_WAITING} or {@code BLOCKED}
   * @param frames its stack, innermost first: {@code java.lang.Thread.sleep0}
   */
  record Thread(String name, String state, List<String> frames) {}

  ThreadDump {
    threads = List.copyOf(threads);
  }

  /** Reads the output of {@code jcmd PID Thread.print}. */
  static ThreadDump parse(String text) {
    var threads = new ArrayList<Thread>();
    String name = null;
    String state = "";
    List<String> frames = new ArrayList<>();
    for (String line : text.split("\n")) {
      Matcher header = HEADER.matcher(line);
      if (header.matches()) {
        if (name != null) {
          threads.add(new Thread(name, state, frames));
        }
        name = header.group(1);
        state = "";
        frames = new ArrayList<>();
        continue;
      }
      Matcher stateLine = STATE.matcher(line);
      if (stateLine.find()) {
        state = stateLine.group(1);
        continue;
      }
      Matcher frame = FRAME.matcher(line);
      if (frame.find() && name != null) {
        frames.add(frame.group(1));
      }
    }
    if (name != null) {
      threads.add(new Thread(name, state, frames));
    }
    return new ThreadDump(threads);
  }

  /**
   * A running JVM's dumps, taken the way {@code jcmd PID Thread.print} takes them but without
   * starting a {@code jcmd} JVM for each: attached once (the JDK's Attach API asks the target to
   * start its local JMX agent), each dump is then one call of the target's {@code threadPrint}
   * diagnostic command, a few milliseconds where a {@code jcmd} costs the machine a JVM's start.
   */
  static final class Taker implements AutoCloseable {
    private static final String THREAD_PRINT = "threadPrint";
    private final JMXConnector agent;
    private final MBeanServerConnection target;
    private final ObjectName diagnosticCommand;

    private Taker(JMXConnector agent) throws IOException {
      this.agent = agent;
      this.target = agent.getMBeanServerConnection();
      try {
        this.diagnosticCommand = new ObjectName("com.sun.management:type=DiagnosticCommand");
      } catch (MalformedObjectNameException e) {
        throw new IllegalStateException(e);
      }
    }

    /**
     * Attaches to the JVM {@code pid}.
     *
     * @throws IOException when it cannot (another user, {@code -XX:+DisableAttachMechanism}, not
     *     yet started): the message says which
     */
    static Taker attach(long pid) throws IOException {
      String agentAddress;
      try {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
          agentAddress = vm.startLocalManagementAgent();
        } finally {
          vm.detach();
        }
      } catch (AttachNotSupportedException e) {
        throw new IOException("cannot attach to JVM " + pid + ": " + e.getMessage(), e);
      }
      return new Taker(JMXConnectorFactory.connect(new JMXServiceURL(agentAddress)));
    }

    /** One dump, as {@code jcmd PID Thread.print} prints it. */
    ThreadDump take() throws IOException {
      try {
        Object text =
            target.invoke(
                diagnosticCommand,
                THREAD_PRINT,
                new Object[] {new String[0]},
                new String[] {String[].class.getName()});
        return parse(String.valueOf(text));
      } catch (JMException e) {
        throw new IOException(THREAD_PRINT + " failed: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() throws IOException {
      agent.close();
    }
  }

  List<Thread> named(String prefix) {
    return threads.stream().filter(t -> t.name().startsWith(prefix)).toList();
  }
}
