package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Bandwidth;
import eu.rekawek.toxiproxy.model.toxic.Latency;
import eu.rekawek.toxiproxy.model.toxic.LimitData;
import eu.rekawek.toxiproxy.model.toxic.ResetPeer;
import eu.rekawek.toxiproxy.model.toxic.Slicer;
import eu.rekawek.toxiproxy.model.toxic.SlowClose;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP API, driven by the official Toxiproxy Java client (and raw HTTP where the client has no method). */
class ProxyApiTest {

    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

    private ToxiproxyServer server;
    private ToxiproxyClient client;
    private TestUpstream echo;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        server = ToxiproxyServer.start(new InetSocketAddress("127.0.0.1", 0));
        client = new ToxiproxyClient("127.0.0.1", server.apiAddress().getPort());
        echo = TestUpstream.echo();
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
    }

    @Test
    void a_created_proxy_is_listed_fetched_and_forwards_bytes_until_deleted() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", echo.address());

        assertThat(proxy.getName()).isEqualTo("db");
        assertThat(proxy.getUpstream()).isEqualTo(echo.address());
        assertThat(proxy.isEnabled()).isTrue();
        assertThat(proxy.getListen()).as("the bound port replaces 0").matches("127\\.0\\.0\\.1:[1-9][0-9]*");
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("db");
        assertThat(client.getProxy("db").getListen()).isEqualTo(proxy.getListen());
        try (TestClient conn = new TestClient(proxy.getListen())) {
            conn.send(PING);
            assertThat(conn.readExactly(PING.length)).isEqualTo(PING);
        }

        proxy.delete();

        assertThat(client.getProxies()).isEmpty();
        assertThatThrownBy(() -> new TestClient(proxy.getListen()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void a_duplicate_proxy_name_is_a_conflict_and_an_unknown_proxy_is_not_found() throws IOException {
        client.createProxy("db", "127.0.0.1:0", echo.address());

        assertThatThrownBy(() -> client.createProxy("db", "127.0.0.1:0", echo.address()))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("[409] proxy already exists");
        assertThatThrownBy(() -> client.getProxy("nope"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("[404] proxy not found");
        assertThat(client.getProxyOrNull("nope")).isNull();
    }

    @Test
    void a_disabled_proxy_refuses_connections_and_closes_open_ones_and_accepts_again_when_enabled()
            throws IOException, InterruptedException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", echo.address());
        String listen = proxy.getListen();
        try (TestClient open = new TestClient(listen)) {
            open.send(PING);
            open.readExactly(PING.length);

            proxy.disable();

            assertThat(proxy.isEnabled()).isFalse();
            assertThat(open.readToEnd()).as("the open connection was closed").isZero();
        }
        assertThatThrownBy(() -> new TestClient(listen).close()).isInstanceOf(ConnectException.class);
        Await.until(
                "the proxy shows no connection",
                Duration.ofSeconds(5),
                () -> metrics()
                        .contains("toxiproxy_proxy_active_connections{listener=\"" + listen
                                + "\",proxy=\"db\",upstream=\"" + echo.address() + "\"} 0"));

        proxy.enable();

        assertThat(proxy.getListen()).as("re-enabled on the same port").isEqualTo(listen);
        try (TestClient again = new TestClient(listen)) {
            again.send(PING);
            assertThat(again.readExactly(PING.length)).isEqualTo(PING);
        }
    }

    @Test
    void changing_the_upstream_sends_new_connections_to_the_new_server() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", echo.address());
        try (TestUpstream sink = TestUpstream.sink()) {
            proxy.setUpstream(sink.address());

            assertThat(client.getProxy("db").getUpstream()).isEqualTo(sink.address());
            try (TestClient conn = new TestClient(proxy.getListen())) {
                conn.send(PING);
                conn.socket.shutdownOutput();
                assertThat(conn.readToEnd()).isZero();
            }
        }
    }

    @Test
    void every_toxic_type_can_be_added_read_updated_and_removed_with_its_stream_and_toxicity() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", echo.address());
        var toxics = proxy.toxics();

        Latency latency = toxics.latency("lat", ToxicDirection.UPSTREAM, 100).setJitter(7);
        Bandwidth bandwidth = toxics.bandwidth("bw", ToxicDirection.DOWNSTREAM, 50);
        SlowClose slowClose = toxics.slowClose("sc", ToxicDirection.DOWNSTREAM, 300);
        Timeout timeout = toxics.timeout("to", ToxicDirection.UPSTREAM, 0);
        ResetPeer resetPeer = toxics.resetPeer("rp", ToxicDirection.DOWNSTREAM, 20);
        Slicer slicer = toxics.slicer("sl", ToxicDirection.UPSTREAM, 16, 10).setSizeVariation(4);
        LimitData limitData = toxics.limitData("ld", ToxicDirection.DOWNSTREAM, 1000);
        limitData.setToxicity(0.25f);

        assertThat(toxics.getAll())
                .as("upstream toxics first, each stream in the order added")
                .extracting(Toxic::getName)
                .containsExactly("lat", "to", "sl", "bw", "sc", "rp", "ld");
        Latency readLatency = toxics.get("lat", Latency.class);
        assertThat(readLatency.getLatency()).isEqualTo(100);
        assertThat(readLatency.getJitter()).isEqualTo(7);
        assertThat(readLatency.getStream()).isEqualTo(ToxicDirection.UPSTREAM);
        assertThat(readLatency.getToxicity()).isEqualTo(1.0f);
        assertThat(toxics.get("bw", Bandwidth.class).getRate()).isEqualTo(50);
        assertThat(toxics.get("sc", SlowClose.class).getDelay()).isEqualTo(300);
        assertThat(toxics.get("to", Timeout.class).getTimeout()).isZero();
        assertThat(toxics.get("rp", ResetPeer.class).getTimeout()).isEqualTo(20);
        Slicer readSlicer = toxics.get("sl", Slicer.class);
        assertThat(List.of(readSlicer.getAverageSize(), readSlicer.getSizeVariation(), readSlicer.getDelay()))
                .containsExactly(16L, 4L, 10L);
        LimitData readLimit = toxics.get("ld", LimitData.class);
        assertThat(readLimit.getBytes()).isEqualTo(1000);
        assertThat(readLimit.getToxicity()).isEqualTo(0.25f);
        assertThat(readLimit.getStream()).isEqualTo(ToxicDirection.DOWNSTREAM);

        latency.setLatency(250);
        bandwidth.setRate(80);
        slowClose.setDelay(10);
        timeout.setTimeout(500);
        resetPeer.setTimeout(5);
        slicer.setDelay(99);
        limitData.setBytes(7);

        assertThat(toxics.get("lat", Latency.class).getLatency()).isEqualTo(250);
        assertThat(toxics.get("lat", Latency.class).getJitter())
                .as("untouched attributes keep their value")
                .isEqualTo(7);
        assertThat(toxics.get("bw", Bandwidth.class).getRate()).isEqualTo(80);
        assertThat(toxics.get("sc", SlowClose.class).getDelay()).isEqualTo(10);
        assertThat(toxics.get("to", Timeout.class).getTimeout()).isEqualTo(500);
        assertThat(toxics.get("rp", ResetPeer.class).getTimeout()).isEqualTo(5);
        assertThat(toxics.get("sl", Slicer.class).getDelay()).isEqualTo(99);
        assertThat(toxics.get("ld", LimitData.class).getBytes()).isEqualTo(7);
        assertThat(toxics.get("ld", LimitData.class).getToxicity()).isEqualTo(0.25f);

        for (Toxic toxic : toxics.getAll()) {
            toxic.remove();
        }
        assertThat(toxics.getAll()).isEmpty();
        assertThatThrownBy(() -> toxics.get("lat"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("[404] toxic not found");
    }

    @Test
    void a_duplicate_toxic_name_is_a_conflict_even_on_the_other_stream() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", echo.address());
        proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 10);

        assertThatThrownBy(() -> proxy.toxics().latency("lag", ToxicDirection.UPSTREAM, 10))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("[409] toxic already exists");
    }

    @Test
    void reset_enables_every_proxy_and_removes_every_toxic() throws IOException {
        Proxy first = client.createProxy("first", "127.0.0.1:0", echo.address());
        Proxy second = client.createProxy("second", "127.0.0.1:0", echo.address());
        first.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 10);
        second.toxics().timeout("hold", ToxicDirection.UPSTREAM, 0);
        second.disable();

        client.reset();

        assertThat(second.isEnabled())
                .as("the client refreshes its proxies after reset")
                .isTrue();
        for (Proxy proxy : client.getProxies()) {
            assertThat(proxy.isEnabled()).isTrue();
            assertThat(proxy.toxics().getAll()).isEmpty();
        }
        try (TestClient conn = new TestClient(second.getListen())) {
            conn.send(PING);
            assertThat(conn.readExactly(PING.length)).isEqualTo(PING);
        }
    }

    @Test
    void version_reports_the_toxiproxy_api_version_it_follows() throws IOException {
        assertThat(client.version()).isEqualTo("{\"version\":\"" + ToxiproxyServer.VERSION + "\"}");
    }

    @Test
    void populate_creates_proxies_keeps_unchanged_ones_and_replaces_changed_ones() throws Exception {
        Proxy kept = client.createProxy("kept", "127.0.0.1:0", echo.address());
        String body = "[{\"name\":\"kept\",\"listen\":\"" + kept.getListen() + "\",\"upstream\":\"" + echo.address()
                + "\"},{\"name\":\"fresh\",\"listen\":\"127.0.0.1:0\",\"upstream\":\"" + echo.address()
                + "\",\"enabled\":false}]";
        kept.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 1);

        HttpResponse<String> response = post("/populate", body);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).contains("\"proxies\":[").contains("\"name\":\"fresh\"");
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("fresh", "kept");
        assertThat(client.getProxy("fresh").isEnabled()).isFalse();
        assertThat(client.getProxy("kept").toxics().getAll())
                .as("an unchanged proxy keeps its toxics")
                .hasSize(1);
    }

    @Test
    void bad_input_is_a_400_whose_error_names_the_field() throws Exception {
        client.createProxy("db", "127.0.0.1:0", echo.address());

        assertError(post("/proxies", "{\"name\":\"x\"}"), 400, "missing required field: upstream");
        assertError(post("/proxies", "{\"upstream\":\"a:1\"}"), 400, "missing required field: name");
        assertError(post("/proxies", "{\"name\":\"x\",\"upstream\":\"nohost\"}"), 400, "upstream must be host:port");
        assertError(post("/proxies", "{\"name\":\"x\",\"upstream\":\"a:1\",\"enabled\":\"yes\"}"), 400, "enabled");
        assertError(post("/proxies", "not json"), 400, "bad request body");
        assertError(post("/proxies/db/toxics", "{\"type\":\"latency\",\"stream\":\"sideways\"}"), 400, "stream");
        assertError(post("/proxies/db/toxics", "{\"type\":\"teleport\"}"), 400, "invalid toxic type");
        assertError(
                post("/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":-5}}"),
                400,
                "attributes.latency");
        assertError(post("/proxies/db/toxics", "{\"type\":\"latency\",\"toxicity\":1.5}"), 400, "toxicity");
        assertError(post("/proxies/nope/toxics", "{\"type\":\"latency\"}"), 404, "proxy not found");
        assertError(
                post("/populate", "[{\"name\":\"a\",\"upstream\":\"a:1\"},{\"name\":\"a\",\"upstream\":\"a:1\"}]"),
                400,
                "duplicate proxy name");
    }

    @Test
    void a_toxic_added_without_name_or_stream_gets_toxiproxys_defaults() throws Exception {
        client.createProxy("db", "127.0.0.1:0", echo.address());

        HttpResponse<String> response =
                post("/proxies/db/toxics", "{\"type\":\"latency\",\"attributes\":{\"latency\":5}}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body())
                .isEqualTo("{\"name\":\"latency_downstream\",\"type\":\"latency\",\"stream\":\"downstream\","
                        + "\"toxicity\":1.0,\"attributes\":{\"latency\":5,\"jitter\":0}}\n");
    }

    @Test
    void metrics_count_connections_and_bytes_per_proxy_and_direction() throws Exception {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", echo.address());
        try (TestClient conn = new TestClient(proxy.getListen())) {
            conn.send(PING);
            conn.readExactly(PING.length);
        }
        String labels = "listener=\"" + proxy.getListen() + "\",proxy=\"db\",upstream=\"" + echo.address() + "\"";

        Await.until(
                "the counters show the round trip",
                Duration.ofSeconds(5),
                () -> metrics()
                        .contains("toxiproxy_proxy_sent_bytes_total{direction=\"downstream\"," + labels + "} 4"));
        String metrics = metrics();
        assertThat(metrics)
                .contains("toxiproxy_proxy_received_bytes_total{direction=\"upstream\"," + labels + "} 4")
                .contains("toxiproxy_proxy_sent_bytes_total{direction=\"upstream\"," + labels + "} 4")
                .contains("toxiproxy_proxy_received_bytes_total{direction=\"downstream\"," + labels + "} 4")
                .contains("toxiproxy_proxy_connections_total{" + labels + "} 1")
                .contains("# TYPE toxiproxy_proxy_sent_bytes_total counter");
    }

    private String metrics() {
        try {
            return http.send(request("/metrics").GET().build(), HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                request(path).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.apiAddress().getPort() + path))
                .timeout(Duration.ofSeconds(5));
    }

    private static void assertError(HttpResponse<String> response, int status, String messagePart) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(response.body())
                .contains("\"status\":" + status)
                .containsPattern("\"error\":\"[^\"]*" + java.util.regex.Pattern.quote(messagePart));
    }
}
