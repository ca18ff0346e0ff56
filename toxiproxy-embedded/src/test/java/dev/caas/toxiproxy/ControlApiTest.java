package dev.caas.toxiproxy;

import static eu.rekawek.toxiproxy.model.ToxicDirection.DOWNSTREAM;
import static eu.rekawek.toxiproxy.model.ToxicDirection.UPSTREAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The control API as Toxiproxy's clients see it: shapes, statuses and error bodies. */
class ControlApiTest extends ToxiproxyTestBase {

  @Test
  void version_answers_with_a_version() throws IOException {
    assertThat(client.version()).isNotBlank();
  }

  @Test
  void created_proxy_reports_its_name_addresses_and_is_enabled() throws IOException {
    TcpTestServer upstream = echoServer();
    Proxy proxy = proxyTo(upstream.address());

    assertThat(proxy.getName()).startsWith("embedded_test_");
    assertThat(proxy.getUpstream()).isEqualTo(upstream.address());
    assertThat(proxy.isEnabled()).isTrue();
  }

  @Test
  void listen_port_zero_reports_the_real_bound_port() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());

    assertThat(proxy.getListen()).startsWith("127.0.0.1:");
    assertThat(portOf(proxy)).isPositive();
    assertThat(roundTripMillis(connect(proxy))).isLessThan(1_000);
  }

  @Test
  void create_answers_201_with_the_proxy_and_an_empty_toxic_list() throws Exception {
    String name = uniqueName();
    HttpResponse<String> response =
        http(
            "POST",
            "/proxies",
            "{\"name\":\""
                + name
                + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
                + echoServer().address()
                + "\"}");
    afterTest(() -> client.getProxy(name).delete());

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode body = json(response);
    assertThat(body.get("name").asText()).isEqualTo(name);
    assertThat(body.get("enabled").asBoolean()).isTrue();
    assertThat(body.get("toxics").isArray()).isTrue();
    assertThat(body.get("toxics")).isEmpty();
  }

  @Test
  void proxies_are_listed_as_an_object_keyed_by_name() throws Exception {
    Proxy first = proxyTo(echoServer().address());
    Proxy second = proxyTo(echoServer().address());

    JsonNode all = json(http("GET", "/proxies", null));

    assertThat(all.isObject()).isTrue();
    assertThat(all.get(first.getName()).get("listen").asText()).isEqualTo(first.getListen());
    assertThat(all.get(second.getName()).get("upstream").asText()).isEqualTo(second.getUpstream());
    assertThat(client.getProxies())
        .extracting(Proxy::getName)
        .contains(first.getName(), second.getName());
  }

  @Test
  void a_proxy_can_be_fetched_by_name() throws IOException {
    Proxy created = proxyTo(echoServer().address());

    Proxy fetched = client.getProxy(created.getName());

    assertThat(fetched.getListen()).isEqualTo(created.getListen());
    assertThat(fetched.getUpstream()).isEqualTo(created.getUpstream());
    assertThat(fetched.isEnabled()).isTrue();
  }

  @Test
  void deleting_a_proxy_answers_204_and_then_it_is_not_found() throws Exception {
    Proxy proxy = client.createProxy(uniqueName(), "127.0.0.1:0", echoServer().address());

    assertThat(http("DELETE", "/proxies/" + proxy.getName(), null).statusCode()).isEqualTo(204);
    assertThatThrownBy(() -> client.getProxy(proxy.getName()))
        .isInstanceOf(IOException.class)
        .hasMessage("[404] proxy not found");
  }

  @Test
  void unknown_proxy_is_404_with_error_json() throws Exception {
    HttpResponse<String> response = http("GET", "/proxies/no_such_proxy_here", null);

    assertThat(response.statusCode()).isEqualTo(404);
    JsonNode error = json(response);
    assertThat(error.get("error").asText()).isEqualTo("proxy not found");
    assertThat(error.get("status").asInt()).isEqualTo(404);
    assertThat(http("DELETE", "/proxies/no_such_proxy_here", null).statusCode()).isEqualTo(404);
  }

  @Test
  void creating_a_proxy_under_a_taken_name_is_409() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());

    assertThatThrownBy(
            () -> client.createProxy(proxy.getName(), "127.0.0.1:0", proxy.getUpstream()))
        .isInstanceOf(IOException.class)
        .hasMessage("[409] proxy already exists");
  }

  @Test
  void a_proxy_without_upstream_is_a_bad_request() throws Exception {
    HttpResponse<String> response = http("POST", "/proxies", "{\"name\":\"" + uniqueName() + "\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("missing required field: upstream");
    assertThat(json(response).get("status").asInt()).isEqualTo(400);
  }

  @Test
  void a_body_that_is_not_json_is_a_bad_request() throws Exception {
    HttpResponse<String> response = http("POST", "/proxies", "this is not json");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).startsWith("bad request body");
  }

  @Test
  void upstream_can_be_changed_and_new_connections_go_there() throws IOException {
    TcpTestServer first = afterTest(TcpTestServer.greetingThenEcho("first\n"));
    TcpTestServer second = afterTest(TcpTestServer.greetingThenEcho("second\n"));
    Proxy proxy = proxyTo(first.address());

    proxy.setUpstream(second.address());

    assertThat(proxy.getUpstream()).isEqualTo(second.address());
    assertThat(new String(readExactly(connect(proxy), "second\n".length()))).isEqualTo("second\n");
  }

  @Test
  void listen_can_be_moved_to_a_new_port() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    int before = portOf(proxy);

    proxy.setListen("127.0.0.1:0");

    assertThat(portOf(proxy)).isPositive().isNotEqualTo(before);
    assertThat(roundTripMillis(connect(proxy))).isLessThan(1_000);
  }

  @Test
  void toxics_are_listed_with_name_type_stream_toxicity_and_attributes() throws Exception {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("slow", DOWNSTREAM, 100).setJitter(10);

    JsonNode toxics = json(http("GET", "/proxies/" + proxy.getName() + "/toxics", null));

    assertThat(toxics.isArray()).isTrue();
    assertThat(toxics).hasSize(1);
    JsonNode toxic = toxics.get(0);
    assertThat(toxic.get("name").asText()).isEqualTo("slow");
    assertThat(toxic.get("type").asText()).isEqualTo("latency");
    assertThat(toxic.get("stream").asText()).isEqualTo("downstream");
    assertThat(toxic.get("toxicity").asDouble()).isEqualTo(1.0);
    assertThat(toxic.get("attributes").get("latency").asLong()).isEqualTo(100);
    assertThat(toxic.get("attributes").get("jitter").asLong()).isEqualTo(10);
    JsonNode proxyJson = json(http("GET", "/proxies/" + proxy.getName(), null));
    assertThat(proxyJson.get("toxics").get(0).get("name").asText()).isEqualTo("slow");
  }

  @Test
  void every_toxic_type_round_trips_through_the_official_client() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("latency", DOWNSTREAM, 10);
    proxy.toxics().bandwidth("bandwidth", UPSTREAM, 1000);
    proxy.toxics().slowClose("slow_close", DOWNSTREAM, 20);
    proxy.toxics().timeout("timeout", UPSTREAM, 30);
    proxy.toxics().slicer("slicer", DOWNSTREAM, 40, 50);
    proxy.toxics().limitData("limit_data", UPSTREAM, 60);
    proxy.toxics().resetPeer("reset_peer", DOWNSTREAM, 70);

    List<? extends Toxic> toxics = proxy.toxics().getAll();

    assertThat(toxics).hasSize(7);
    assertThat(proxy.toxics().get("latency", Latency.class).getLatency()).isEqualTo(10);
    assertThat(proxy.toxics().get("bandwidth", Bandwidth.class).getRate()).isEqualTo(1000);
    assertThat(proxy.toxics().get("bandwidth", Bandwidth.class).getStream()).isEqualTo(UPSTREAM);
    assertThat(proxy.toxics().get("slow_close", SlowClose.class).getDelay()).isEqualTo(20);
    assertThat(proxy.toxics().get("timeout", Timeout.class).getTimeout()).isEqualTo(30);
    assertThat(proxy.toxics().get("slicer", Slicer.class).getAverageSize()).isEqualTo(40);
    assertThat(proxy.toxics().get("slicer", Slicer.class).getDelay()).isEqualTo(50);
    assertThat(proxy.toxics().get("limit_data", LimitData.class).getBytes()).isEqualTo(60);
    assertThat(proxy.toxics().get("reset_peer", ResetPeer.class).getTimeout()).isEqualTo(70);
  }

  @Test
  void updating_a_toxic_changes_only_the_given_attribute() throws IOException {
    Proxy proxy = proxyTo(echoServer().address());
    Latency latency = proxy.toxics().latency("lat", DOWNSTREAM, 100).setJitter(7);

    latency.setLatency(250);
    latency.setToxicity(0.5f);

    Latency fetched = proxy.toxics().get("lat", Latency.class);
    assertThat(fetched.getLatency()).isEqualTo(250);
    assertThat(fetched.getJitter()).isEqualTo(7);
    assertThat(fetched.getToxicity()).isEqualTo(0.5f);
  }

  @Test
  void a_toxic_without_a_name_is_named_after_its_type_and_stream() throws Exception {
    Proxy proxy = proxyTo(echoServer().address());

    HttpResponse<String> response =
        http(
            "POST",
            "/proxies/" + proxy.getName() + "/toxics",
            "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).get("name").asText()).isEqualTo("latency_downstream");
    assertThat(json(response).get("stream").asText()).isEqualTo("downstream");
    assertThat(json(response).get("toxicity").asDouble()).isEqualTo(1.0);
  }

  @Test
  void an_unknown_toxic_type_is_400() throws Exception {
    Proxy proxy = proxyTo(echoServer().address());

    HttpResponse<String> response =
        http(
            "POST",
            "/proxies/" + proxy.getName() + "/toxics",
            "{\"name\":\"odd\",\"type\":\"teleport\",\"attributes\":{}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).isEqualTo("invalid toxic type");
    assertThat(json(response).get("status").asInt()).isEqualTo(400);
  }

  @Test
  void an_unknown_stream_is_400() throws Exception {
    Proxy proxy = proxyTo(echoServer().address());

    HttpResponse<String> response =
        http(
            "POST",
            "/proxies/" + proxy.getName() + "/toxics",
            "{\"type\":\"latency\",\"stream\":\"sideways\"}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).get("error").asText()).startsWith("stream was invalid");
  }

  @Test
  void an_unknown_toxic_is_404_and_a_duplicate_toxic_is_409() throws Exception {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("lat", DOWNSTREAM, 1);

    assertThatThrownBy(() -> proxy.toxics().get("nope"))
        .isInstanceOf(IOException.class)
        .hasMessage("[404] toxic not found");
    assertThatThrownBy(() -> proxy.toxics().latency("lat", UPSTREAM, 1))
        .isInstanceOf(IOException.class)
        .hasMessage("[409] toxic already exists");
    assertThat(http("DELETE", "/proxies/" + proxy.getName() + "/toxics/nope", null).statusCode())
        .isEqualTo(404);
    assertThat(http("GET", "/proxies/no_such_proxy_here/toxics", null).statusCode()).isEqualTo(404);
  }

  @Test
  void removing_a_toxic_answers_204_and_it_is_gone() throws Exception {
    Proxy proxy = proxyTo(echoServer().address());
    proxy.toxics().latency("lat", DOWNSTREAM, 1);

    assertThat(http("DELETE", "/proxies/" + proxy.getName() + "/toxics/lat", null).statusCode())
        .isEqualTo(204);
    assertThat(proxy.toxics().getAll()).isEmpty();
  }

  @Test
  void populate_creates_proxies_and_keeps_unchanged_ones() throws Exception {
    String name = uniqueName();
    String upstream = echoServer().address();
    String body =
        "[{\"name\":\""
            + name
            + "\",\"listen\":\"127.0.0.1:0\",\"upstream\":\""
            + upstream
            + "\"}]";

    HttpResponse<String> response = http("POST", "/populate", body);
    afterTest(() -> client.getProxy(name).delete());

    assertThat(response.statusCode()).isEqualTo(201);
    JsonNode created = json(response).get("proxies").get(0);
    assertThat(created.get("name").asText()).isEqualTo(name);
    assertThat(created.get("enabled").asBoolean()).isTrue();
    String listen = created.get("listen").asText();
    String again =
        "[{\"name\":\""
            + name
            + "\",\"listen\":\""
            + listen
            + "\",\"upstream\":\""
            + upstream
            + "\"}]";
    assertThat(json(http("POST", "/populate", again)).get("proxies").get(0).get("listen").asText())
        .isEqualTo(listen);
  }

  @Test
  void browsers_are_turned_away() throws Exception {
    var request =
        java.net.http.HttpRequest.newBuilder(java.net.URI.create(apiUrl() + "/proxies"))
            .header("User-Agent", "Mozilla/5.0 (X11; Linux x86_64)")
            .build();

    var response =
        java.net.http.HttpClient.newHttpClient()
            .send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(403);
  }
}
