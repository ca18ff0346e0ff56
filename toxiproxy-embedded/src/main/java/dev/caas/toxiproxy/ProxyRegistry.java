package dev.caas.toxiproxy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All proxies of a server by name; the operations the control API offers on the whole set. */
final class ProxyRegistry {

  /** What a client asks for when it creates (or populates) a proxy. */
  record ProxySpec(String name, HostPort listen, HostPort upstream, boolean enabled) {}

  private final Map<String, Proxy> proxies = new LinkedHashMap<>();
  private final DialSources dialSources;

  ProxyRegistry(DialSources dialSources) {
    this.dialSources = dialSources;
  }

  synchronized List<Proxy> all() {
    return List.copyOf(proxies.values());
  }

  synchronized Proxy get(String name) throws ApiException {
    Proxy proxy = proxies.get(name);
    if (proxy == null) {
      throw ApiException.proxyNotFound();
    }
    return proxy;
  }

  /** Adds a proxy, started if enabled; if it cannot listen, it is not added. */
  synchronized Proxy create(ProxySpec spec) throws ApiException, IOException {
    if (proxies.containsKey(spec.name())) {
      throw ApiException.proxyAlreadyExists();
    }
    return add(spec);
  }

  synchronized void delete(String name) throws ApiException {
    get(name).stop();
    proxies.remove(name);
  }

  /** Toxiproxy's reset: every proxy up again, every toxic gone. */
  synchronized void reset() throws IOException {
    for (Proxy proxy : proxies.values()) {
      proxy.start();
      proxy.toxics().clear();
    }
  }

  /**
   * Creates or replaces many proxies at once. A proxy that already exists with the same listen and
   * upstream addresses is kept as it is (with its connections and toxics); otherwise it is stopped
   * and replaced.
   */
  synchronized List<Proxy> populate(List<ProxySpec> specs) throws IOException {
    List<Proxy> result = new ArrayList<>();
    for (ProxySpec spec : specs) {
      Proxy existing = proxies.get(spec.name());
      if (existing != null
          && existing.listen().equals(spec.listen())
          && existing.upstream().equals(spec.upstream())) {
        result.add(existing);
        continue;
      }
      if (existing != null) {
        existing.stop();
        proxies.remove(spec.name());
      }
      result.add(add(spec));
    }
    return result;
  }

  synchronized void close() {
    proxies.values().forEach(Proxy::stop);
    proxies.clear();
  }

  private Proxy add(ProxySpec spec) throws IOException {
    Proxy proxy = new Proxy(spec.name(), spec.listen(), spec.upstream(), dialSources);
    if (spec.enabled()) {
      proxy.start();
    }
    proxies.put(spec.name(), proxy);
    return proxy;
  }
}
