package dev.caas.harness;

import dev.caas.contract.Variant;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import dev.caas.testbed.TestbedOptions;

/**
 * What {@link Bench} measures, and how. Build one with {@link #builder()}; every field has the talk's
 * default (90 requests, 10 clients, 100 ms on both dependencies).
 *
 * <pre>{@code
 * BenchReport report = Bench.run(BenchConfig.builder()
 *     .variants(Variant.SYNC_SEQUENTIAL, Variant.SYNC_GATHERED)
 *     .requests(30)
 *     .latency(Duration.ofMillis(50))
 *     .build());
 * }</pre>
 *
 * @param variants the variants to run, in this order
 * @param requireJars {@code true}: a variant whose jar is missing fails the bench; {@code false} (the
 *     default, as for {@code --variant all}): it is skipped, and the report says so and how to build it
 * @param requests measured requests per variant
 * @param concurrency closed loop: clients; open loop: most connections in flight
 * @param ratePerSecond {@code null} for a closed loop, else an open loop's arrival rate
 * @param upstreamLatency injected on the {@code upstream} proxy during the measured phase
 * @param dbLatency injected on the {@code postgres} proxy during the measured phase
 * @param jitter ± on both proxies; {@link Duration#ZERO} for none
 * @param warmup requests before measuring, at no latency; at least one per connection is sent (so every
 *     connection is open before measuring) unless this is 0
 * @param jars a project root or a folder of variant jars; {@code null}: find the project root
 * @param java the {@code java} launcher for the variants; {@code null}: the one running the harness
 * @param jvmArgs extra JVM options for the variants
 * @param dbPool passed to the variants, {@code null} for their default
 * @param serverThreads passed to the variants, {@code null} for their default
 * @param deadline passed to the variants, {@code null} for their default
 * @param startupTimeout how long a variant may take to report ready
 * @param requestTimeout a request with no answer by then is an error; {@code null}: three times the
 *     slowest theory plus a minute
 * @param testbed where PostgreSQL and Toxiproxy come from (embedded, containers, external)
 */
public record BenchConfig(
    List<Variant> variants,
    boolean requireJars,
    int requests,
    int concurrency,
    Double ratePerSecond,
    Duration upstreamLatency,
    Duration dbLatency,
    Duration jitter,
    int warmup,
    Path jars,
    Path java,
    List<String> jvmArgs,
    Integer dbPool,
    Integer serverThreads,
    Duration deadline,
    Duration startupTimeout,
    Duration requestTimeout,
    TestbedOptions testbed) {

  public BenchConfig {
    variants = List.copyOf(variants);
    jvmArgs = List.copyOf(jvmArgs);
    Objects.requireNonNull(upstreamLatency, "upstreamLatency");
    Objects.requireNonNull(dbLatency, "dbLatency");
    Objects.requireNonNull(jitter, "jitter");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    Objects.requireNonNull(testbed, "testbed");
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("no variant to run");
    }
    if (requests < 1 || concurrency < 1 || warmup < 0) {
      throw new IllegalArgumentException("requests and concurrency must be at least 1, warm-up at least 0");
    }
    if (ratePerSecond != null && !(ratePerSecond > 0)) {
      throw new IllegalArgumentException("the rate must be positive");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The measured phase's load model: closed loop of {@code concurrency} clients, or open loop at the rate. */
  public Workload workload() {
    return ratePerSecond == null
        ? new ClosedLoop(concurrency, requests)
        : new OpenLoop(ratePerSecond, requests, concurrency);
  }

  /** The warm-up: a closed loop, at least one request per connection; {@code null} when there is none. */
  public ClosedLoop warmupWorkload() {
    return warmup == 0 ? null : new ClosedLoop(concurrency, Math.max(warmup, concurrency));
  }

  /** The request timeout given, or three times the slowest possible theory plus a minute. */
  public Duration effectiveRequestTimeout() {
    if (requestTimeout != null) {
      return requestTimeout;
    }
    Duration slowest = upstreamLatency.plus(dbLatency.multipliedBy(2)).plus(jitter.multipliedBy(3));
    return slowest.multipliedBy(3).plusMinutes(1);
  }

  /** Fills in the talk's defaults; every setter returns the builder. */
  public static final class Builder {
    private List<Variant> variants = List.of(Variant.values());
    private boolean requireJars;
    private int requests = 90;
    private int concurrency = 10;
    private Double ratePerSecond;
    private Duration upstreamLatency = Duration.ofMillis(100);
    private Duration dbLatency = Duration.ofMillis(100);
    private Duration jitter = Duration.ZERO;
    private int warmup = 300;
    private Path jars;
    private Path java;
    private List<String> jvmArgs = List.of();
    private Integer dbPool;
    private Integer serverThreads;
    private Duration deadline;
    private Duration startupTimeout = Duration.ofSeconds(60);
    private Duration requestTimeout;
    private TestbedOptions testbed = TestbedOptions.auto();

    private Builder() {}

    /** Where PostgreSQL and Toxiproxy come from; default: containers where Docker answers, else embedded. */
    public Builder testbed(TestbedOptions testbed) {
      this.testbed = testbed;
      return this;
    }

    public Builder variants(List<Variant> variants) {
      this.variants = variants;
      return this;
    }

    public Builder variants(Variant... variants) {
      return variants(Arrays.asList(variants));
    }

    public Builder requireJars(boolean requireJars) {
      this.requireJars = requireJars;
      return this;
    }

    public Builder requests(int requests) {
      this.requests = requests;
      return this;
    }

    public Builder concurrency(int concurrency) {
      this.concurrency = concurrency;
      return this;
    }

    /** Switches to an open loop at this many requests per second; {@code null} for a closed loop. */
    public Builder ratePerSecond(Double ratePerSecond) {
      this.ratePerSecond = ratePerSecond;
      return this;
    }

    /** The same latency on both proxies. */
    public Builder latency(Duration latency) {
      this.upstreamLatency = latency;
      this.dbLatency = latency;
      return this;
    }

    public Builder upstreamLatency(Duration upstreamLatency) {
      this.upstreamLatency = upstreamLatency;
      return this;
    }

    public Builder dbLatency(Duration dbLatency) {
      this.dbLatency = dbLatency;
      return this;
    }

    public Builder jitter(Duration jitter) {
      this.jitter = jitter;
      return this;
    }

    public Builder warmup(int warmup) {
      this.warmup = warmup;
      return this;
    }

    public Builder jars(Path jars) {
      this.jars = jars;
      return this;
    }

    public Builder java(Path java) {
      this.java = java;
      return this;
    }

    public Builder jvmArgs(List<String> jvmArgs) {
      this.jvmArgs = jvmArgs;
      return this;
    }

    public Builder dbPool(Integer dbPool) {
      this.dbPool = dbPool;
      return this;
    }

    public Builder serverThreads(Integer serverThreads) {
      this.serverThreads = serverThreads;
      return this;
    }

    public Builder deadline(Duration deadline) {
      this.deadline = deadline;
      return this;
    }

    public Builder startupTimeout(Duration startupTimeout) {
      this.startupTimeout = startupTimeout;
      return this;
    }

    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    public BenchConfig build() {
      return new BenchConfig(variants, requireJars, requests, concurrency, ratePerSecond, upstreamLatency,
          dbLatency, jitter, warmup, jars, java, jvmArgs, dbPool, serverThreads, deadline, startupTimeout,
          requestTimeout, testbed);
    }
  }
}
