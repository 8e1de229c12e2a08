package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
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
    void a_listen_address_in_use_is_a_409_conflict_naming_the_address() throws IOException {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            assertThatThrownBy(() -> proxies.create(new ProxySpec("db", listen, "127.0.0.1:1", true)))
                    .isInstanceOfSatisfying(
                            ListenFailedException.class,
                            e -> assertThat(e.status()).isEqualTo(409))
                    .hasMessage("proxy db cannot listen on " + listen + ": the address is already in use");
            assertThat(proxies.list()).as("nothing half-created").isEmpty();
        }
    }

    @Test
    void a_server_holds_at_most_ten_thousand_proxies_and_a_proxy_at_most_a_hundred_toxics() {
        for (int i = 0; i < ProxyLimits.MAX_PROXIES; i++) {
            proxies.create(new ProxySpec("p" + i, "127.0.0.1:0", "127.0.0.1:1", false));
        }
        for (int i = 0; i < ProxyLimits.MAX_TOXICS_PER_PROXY; i++) {
            proxies.addToxic("p0", new ToxicSpec("t" + i, Stream.UPSTREAM, 1, new Toxic.Latency(1, 0)));
        }

        assertThatThrownBy(() -> proxies.create(new ProxySpec("one-more", "127.0.0.1:0", "127.0.0.1:1", false)))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("this server already holds 10000 proxies, the most it holds");
        assertThatThrownBy(
                        () -> proxies.populate(List.of(new ProxySpec("one-more", "127.0.0.1:0", "127.0.0.1:1", false))))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("this server already holds 10000 proxies, the most it holds");
        assertThatThrownBy(() ->
                        proxies.addToxic("p0", new ToxicSpec("t-more", Stream.DOWNSTREAM, 1, new Toxic.Latency(1, 0))))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("proxy p0 already has 100 toxics, the most one proxy holds");
        assertThat(proxies.list()).hasSize(ProxyLimits.MAX_PROXIES);
        assertThat(proxies.toxics("p0")).hasSize(ProxyLimits.MAX_TOXICS_PER_PROXY);
    }

    @Test
    void names_addresses_and_attributes_are_bounded_and_the_refusal_names_the_bound_not_the_value() {
        String longest = "n".repeat(ProxyLimits.MAX_NAME_LENGTH);

        assertThat(proxies.create(new ProxySpec(longest, "127.0.0.1:0", "127.0.0.1:1", false))
                        .name())
                .isEqualTo(longest);
        assertThatThrownBy(() -> new ProxySpec(longest + "n", "127.0.0.1:0", "127.0.0.1:1", false))
                .isInstanceOf(BadRequestException.class)
                .hasMessage("name must be at most 256 characters, got 257");
        assertThatThrownBy(() -> new ToxicSpec("t".repeat(20_000_000), Stream.UPSTREAM, 1, new Toxic.Timeout(0)))
                .hasMessage("name of the toxic must be at most 256 characters, got 20000000");
        assertThatThrownBy(() -> new ProxySpec("db", "127.0.0.1:0", "h".repeat(300) + ":1", false))
                .hasMessage("upstream must be at most 261 characters, got 302");
        assertThat(Toxic.of("latency", Map.of("latency", ProxyLimits.MAX_ATTRIBUTE)))
                .isEqualTo(new Toxic.Latency(Integer.MAX_VALUE, 0));
        assertThatThrownBy(() -> Toxic.of("latency", Map.of("latency", ProxyLimits.MAX_ATTRIBUTE + 1)))
                .hasMessage("attributes.latency must be at most 2147483647, got 2147483648");
        assertThatThrownBy(() -> Toxic.of("slicer", Map.of("average_size", Long.MAX_VALUE)))
                .hasMessage("attributes.average_size must be at most 2147483647, got " + Long.MAX_VALUE);
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
