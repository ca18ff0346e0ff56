package dev.caas.contract;

import java.util.LinkedHashMap;

/**
 * The resource limits a variant runs with, reported on {@code /health} so the harness's theory does
 * not have to guess them. {@code null} means "no limit of this kind" (e.g. virtual threads have no
 * server pool).
 *
 * @param serverThreads threads that run request handlers
 * @param dbPool database connections
 * @param httpConnections connections to the upstream
 * @param executorThreads threads that run gathered steps, when the model needs its own
 */
public record Limits(
    Integer serverThreads, Integer dbPool, Integer httpConnections, Integer executorThreads) {

  public String toJson() {
    var values = new LinkedHashMap<String, Integer>();
    values.put("serverThreads", serverThreads);
    values.put("dbPool", dbPool);
    values.put("httpConnections", httpConnections);
    values.put("executorThreads", executorThreads);
    return Json.numbers(values);
  }
}
