package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The in-process API the harness calls: typed specs in, typed exceptions carrying the HTTP status out. */
class ProxiesTest {

    private ToxiproxyServer server;
    private Proxies proxies;

    @BeforeEach
    void start() throws IOException {
        server = ToxiproxyServer.start(new InetSocketAddress("127.0.0.1", 0));
        proxies = server.proxies();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void a_proxy_without_listen_address_listens_on_the_api_host_at_a_free_port() {
        assertThat(proxies.defaultListen()).isEqualTo("127.0.0.1:0");

        ProxyView view = proxies.create(new ProxySpec("db", proxies.defaultListen(), "127.0.0.1:1", true));

        assertThat(view.listen()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
    }

    @Test
    void errors_are_typed_and_carry_toxiproxys_status() {
        proxies.create(new ProxySpec("db", "127.0.0.1:0", "127.0.0.1:1", false));
        proxies.addToxic("db", ToxicSpec.of(Stream.DOWNSTREAM, new Toxic.Latency(5, 0)));

        assertThatThrownBy(() -> proxies.create(new ProxySpec("db", "127.0.0.1:0", "127.0.0.1:1", false)))
                .isInstanceOfSatisfying(
                        AlreadyExistsException.class,
                        e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> proxies.get("nope"))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.status()).isEqualTo(404))
                .hasMessage("proxy not found: nope");
        assertThatThrownBy(() -> proxies.removeToxic("db", "nope"))
                .isInstanceOf(NotFoundException.class)
                .hasMessage("toxic not found: nope on proxy db");
        assertThatThrownBy(() -> proxies.addToxic("db", ToxicSpec.of(Stream.DOWNSTREAM, new Toxic.Latency(1, 0))))
                .isInstanceOf(AlreadyExistsException.class)
                .hasMessage("toxic already exists: latency_downstream on proxy db");
        assertThatThrownBy(
                        () -> proxies.updateToxic("db", "latency_downstream", t -> t.withToxic(new Toxic.Bandwidth(1))))
                .isInstanceOfSatisfying(
                        BadRequestException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("type of toxic latency_downstream cannot change from latency to bandwidth");
    }

    @Test
    void a_listen_address_in_use_fails_with_500_naming_the_address() throws IOException {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            assertThatThrownBy(() -> proxies.create(new ProxySpec("db", listen, "127.0.0.1:1", true)))
                    .isInstanceOfSatisfying(
                            ListenFailedException.class,
                            e -> assertThat(e.status()).isEqualTo(500))
                    .hasMessageStartingWith("proxy db cannot listen on " + listen);
            assertThat(proxies.list()).as("nothing half-created").isEmpty();
        }
    }

    @Test
    void toxic_attributes_are_validated_with_the_attribute_named() {
        assertThatThrownBy(() -> Toxic.of("slicer", Map.of("average_size", 10L, "size_variation", 10L)))
                .hasMessage("attributes.size_variation must be less than average_size (10), got 10");
        assertThatThrownBy(() -> Toxic.of("slicer", Map.of()))
                .hasMessage("attributes.average_size must be at least 1, got 0");
        assertThatThrownBy(() -> Toxic.of("bandwidth", Map.of("rate", -1L)))
                .hasMessage("attributes.rate must not be negative, got -1");
        assertThat(Toxic.of("latency", Map.of("latency", 30L, "unknown", 1L)))
                .as("unknown attributes are ignored, missing ones are 0, as in Toxiproxy")
                .isEqualTo(new Toxic.Latency(30, 0));
        assertThatThrownBy(() -> new ToxicSpec("t", Stream.UPSTREAM, -0.1, new Toxic.Timeout(0)))
                .hasMessage("toxicity must be between 0 and 1, got -0.1");
    }
}
