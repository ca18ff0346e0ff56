package dev.caas.testbed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.Test;

class BackendSelectionTest {

  @Test
  void auto_takes_containers_only_where_docker_answers() {
    assertThat(Backend.AUTO.resolve(true)).isEqualTo(Backend.CONTAINERS);
    assertThat(Backend.AUTO.resolve(false)).isEqualTo(Backend.EMBEDDED);
  }

  @Test
  void a_forced_backend_stays_forced() {
    for (var backend : new Backend[] {Backend.EMBEDDED, Backend.CONTAINERS, Backend.EXTERNAL}) {
      assertThat(backend.resolve(true)).isEqualTo(backend);
      assertThat(backend.resolve(false)).isEqualTo(backend);
    }
  }

  @Test
  void backends_parse_by_name_and_name_the_choices_when_wrong() {
    assertThat(Backend.parse("Containers")).isEqualTo(Backend.CONTAINERS);
    assertThatThrownBy(() -> Backend.parse("docker"))
        .hasMessageContaining("embedded, containers, external");
  }

  @Test
  void the_external_backend_needs_a_database_and_a_toxiproxy() {
    assertThatThrownBy(
            () -> new TestbedOptions(Backend.EXTERNAL, null, "u", "p", "http://127.0.0.1:8474"))
        .hasMessageContaining("--db-url");
    assertThatThrownBy(
            () -> TestbedOptions.external("postgres://x", "u", "p", "http://127.0.0.1:8474"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void a_bad_external_address_is_refused_before_anything_starts() {
    var options =
        TestbedOptions.external("jdbc:postgresql://127.0.0.1:5432/postgres", "u", "p", "toxiproxy");
    assertThatThrownBy(() -> new ExternalDependencies(options))
        .hasMessageContaining("Toxiproxy API URL");
  }

  @Test
  void container_proxies_listen_on_fixed_ports_that_docker_maps() {
    assertThat(ContainerDependencies.containerPort(ProxyNames.UPSTREAM)).isEqualTo(8666);
    assertThat(ContainerDependencies.containerPort(ProxyNames.POSTGRES)).isEqualTo(8667);
  }

  @Test
  void without_docker_the_containers_backend_fails_with_a_clear_message() {
    assumeFalse(
        Testbed.dockerAvailable(), "a Docker engine answers here: the containers path can run");
    assertThatThrownBy(() -> Testbed.start(TestbedOptions.of(Backend.CONTAINERS)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("needs a Docker engine")
        .hasMessageContaining("--backend embedded");
  }

  @Test
  void without_docker_auto_runs_embedded() throws Exception {
    assumeFalse(Testbed.dockerAvailable(), "a Docker engine answers here: auto takes containers");
    try (var testbed = Testbed.start(TestbedOptions.auto())) {
      assertThat(testbed.backends().postgres()).startsWith("embedded");
      assertThat(testbed.backends().toxiproxy()).startsWith("embedded");
    }
  }
}
