package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import eu.rekawek.toxiproxy.model.toxic.Timeout;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What each toxic does to real TCP traffic, measured against a direct connection to the same upstream in the same
 * test. Toxics are set through the official client, as a user would.
 */
class ToxicEffectsTest {

    private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);
    private static final long MS = 1_000_000L;

    private ToxiproxyServer server;
    private ToxiproxyClient client;

    @BeforeEach
    void start() throws IOException {
        server = ToxiproxyServer.start(new InetSocketAddress("127.0.0.1", 0));
        client = new ToxiproxyClient("127.0.0.1", server.apiAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Proxy proxyTo(TestUpstream upstream) throws IOException {
        return client.createProxy("p", "127.0.0.1:0", upstream.address());
    }

    @Test
    void latency_adds_its_delay_to_a_round_trip_within_10_percent() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            Proxy proxy = proxyTo(echo);
            proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 100);

            long direct = medianRoundTrip(new TestClient(echo.socketAddress()));
            long proxied = medianRoundTrip(new TestClient(proxy.getListen()));

            // No round trip through the toxic can be quicker than its delay: that bound needs no baseline. The
            // direct baseline is subtracted only for the upper bound, where a baseline slowed by load errs on the
            // lenient side instead of failing a correct proxy.
            assertThat(proxied).as("round trip through the proxy, ns").isGreaterThanOrEqualTo(100 * MS);
            assertThat(proxied - direct).as("added round trip, ns").isLessThanOrEqualTo(110 * MS);
        }
    }

    @Test
    void bandwidth_limits_throughput_to_its_rate_within_20_percent() throws IOException {
        int size = 100_000;
        try (TestUpstream source = TestUpstream.sendOnAccept(size)) {
            Proxy proxy = proxyTo(source);
            proxy.toxics().bandwidth("bw", ToxicDirection.DOWNSTREAM, 200); // 200 KB/s: 500 ms for 100 KB

            long direct = timeToReceive(new TestClient(source.socketAddress()), size);
            long proxied = timeToReceive(new TestClient(proxy.getListen()), size);

            // As for latency: the lower bound on the proxied transfer alone, the upper bound on what it added.
            assertThat(proxied).as("transfer through the proxy, ns").isGreaterThanOrEqualTo(400 * MS);
            assertThat(proxied - direct).as("added transfer time, ns").isLessThanOrEqualTo(600 * MS);
        }
    }

    @Test
    void timeout_zero_holds_the_data_until_the_toxic_is_removed_then_it_flows() throws IOException {
        try (TestUpstream echo = TestUpstream.echo();
                TestClient conn = new TestClient(proxyTo(echo).getListen())) {
            Timeout hold = client.getProxy("p").toxics().timeout("hold", ToxicDirection.DOWNSTREAM, 0);
            conn.send(PING);

            assertThat(conn.receivesWithin(Duration.ofMillis(300)))
                    .as("held while the toxic is there")
                    .isFalse();

            hold.remove();

            assertThat(conn.readExactly(PING.length))
                    .as("the held bytes arrive")
                    .isEqualTo(PING);
            assertThat(conn.roundTripNanos(PING))
                    .as("and the link behaves normally")
                    .isLessThan(100 * MS);
        }
    }

    @Test
    void timeout_above_zero_closes_the_connection_after_that_many_milliseconds() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            Proxy proxy = proxyTo(echo);
            proxy.toxics().timeout("cut", ToxicDirection.UPSTREAM, 200);
            try (TestClient conn = new TestClient(proxy.getListen())) {
                long start = System.nanoTime();
                conn.send(PING);

                assertThat(endsWithoutData(conn))
                        .as("closed without passing data")
                        .isTrue();
                assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(190 * MS);
            }
        }
    }

    @Test
    void reset_peer_resets_the_connection() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            Proxy proxy = proxyTo(echo);
            proxy.toxics().resetPeer("rst", ToxicDirection.DOWNSTREAM, 0);
            try (TestClient conn = new TestClient(proxy.getListen())) {
                conn.send(PING);

                assertThatThrownBy(() -> conn.readExactly(PING.length))
                        .isInstanceOf(SocketException.class)
                        .hasMessageContaining("reset");
            }
        }
    }

    @Test
    void limit_data_closes_the_connection_after_exactly_that_many_bytes() throws Exception {
        try (TestUpstream sink = TestUpstream.sink()) {
            Proxy proxy = proxyTo(sink);
            proxy.toxics().limitData("cap", ToxicDirection.UPSTREAM, 600);
            try (TestClient conn = new TestClient(proxy.getListen())) {
                conn.send(new byte[1000]);

                assertThat(sink.receivedTotals.poll(5, TimeUnit.SECONDS)).isEqualTo(600L);
                assertThat(endsWithoutData(conn))
                        .as("the client's connection is closed too")
                        .isTrue();
            }
        }
    }

    @Test
    void slicer_delivers_the_same_bytes_in_more_pieces() throws IOException {
        byte[] message = new byte[200];
        Arrays.fill(message, (byte) 'x');
        message[199] = 'y';
        try (TestUpstream echo = TestUpstream.echo()) {
            Proxy proxy = proxyTo(echo);
            proxy.toxics().slicer("cut", ToxicDirection.DOWNSTREAM, 10, 2000); // 20 pieces, 2 ms apart

            int directReads;
            try (TestClient direct = new TestClient(echo.socketAddress())) {
                direct.send(message);
                directReads = direct.readsToReceive(message.length, new byte[message.length]);
            }
            byte[] received = new byte[message.length];
            int slicedReads;
            try (TestClient sliced = new TestClient(proxy.getListen())) {
                sliced.send(message);
                slicedReads = sliced.readsToReceive(message.length, received);
            }

            assertThat(received).isEqualTo(message);
            assertThat(slicedReads).isGreaterThanOrEqualTo(10).isGreaterThan(directReads);
        }
    }

    @Test
    void slow_close_delays_the_close_by_its_delay() throws IOException {
        try (TestUpstream closer = TestUpstream.closeOnAccept()) {
            Proxy proxy = proxyTo(closer);
            proxy.toxics().slowClose("linger", ToxicDirection.DOWNSTREAM, 300);

            long direct = timeToClose(new TestClient(closer.socketAddress()));
            long proxied = timeToClose(new TestClient(proxy.getListen()));

            // The close cannot come sooner than the delay after the connection opened; the baseline is only subtracted
            // for the upper bound, since its own noise (a slow direct run) could otherwise push the difference below
            // it.
            assertThat(proxied).as("time to close through the proxy, ns").isGreaterThanOrEqualTo(300 * MS);
            assertThat(proxied - direct).as("added time to close, ns").isLessThanOrEqualTo(330 * MS);
        }
    }

    @Test
    void toxicity_zero_never_applies_and_one_always_does() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            Proxy proxy = proxyTo(echo);
            Timeout hold = proxy.toxics().timeout("hold", ToxicDirection.DOWNSTREAM, 0);
            hold.setToxicity(0f);

            for (int i = 0; i < 20; i++) {
                try (TestClient conn = new TestClient(proxy.getListen())) {
                    assertThat(conn.roundTripNanos(PING)).as("connection %d", i).isLessThan(1000 * MS);
                }
            }

            hold.setToxicity(1f);
            try (TestClient conn = new TestClient(proxy.getListen())) {
                conn.send(PING);
                assertThat(conn.receivesWithin(Duration.ofMillis(200))).isFalse();
            }
        }
    }

    @Test
    void an_upstream_toxic_delays_requests_and_a_downstream_toxic_delays_responses() throws Exception {
        try (TestUpstream echo = TestUpstream.echo()) {
            Proxy proxy = proxyTo(echo);
            try (TestClient conn = new TestClient(proxy.getListen())) {
                var up = proxy.toxics().latency("up", ToxicDirection.UPSTREAM, 200);
                long[] upstreamDelayed = timedEcho(conn, echo);
                up.remove();
                proxy.toxics().latency("down", ToxicDirection.DOWNSTREAM, 200);
                long[] downstreamDelayed = timedEcho(conn, echo);

                assertThat(upstreamDelayed[0]).as("request leg, upstream toxic").isGreaterThanOrEqualTo(200 * MS);
                assertThat(upstreamDelayed[1])
                        .as("response leg, upstream toxic")
                        .isLessThan(100 * MS);
                assertThat(downstreamDelayed[0])
                        .as("request leg, downstream toxic")
                        .isLessThan(100 * MS);
                assertThat(downstreamDelayed[1])
                        .as("response leg, downstream toxic")
                        .isGreaterThanOrEqualTo(200 * MS);
            }
        }
    }

    @Test
    void adding_and_removing_a_toxic_changes_a_connection_that_is_already_open() throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            Proxy proxy = proxyTo(echo);
            try (TestClient conn = new TestClient(proxy.getListen())) {
                long before = conn.roundTripNanos(PING);
                var lag = proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 150);
                long during = conn.roundTripNanos(PING);
                lag.remove();
                long after = conn.roundTripNanos(PING);

                assertThat(before).isLessThan(100 * MS);
                assertThat(during).isGreaterThanOrEqualTo(150 * MS);
                assertThat(after).isLessThan(100 * MS);
            }
        }
    }

    @Test
    void toxics_on_one_stream_form_a_chain_in_which_each_sees_only_what_the_ones_before_it_let_through()
            throws IOException {
        try (TestUpstream echo = TestUpstream.echo()) {
            Proxy holdThenReset = client.createProxy("hold-then-reset", "127.0.0.1:0", echo.address());
            Timeout hold = holdThenReset.toxics().timeout("hold", ToxicDirection.UPSTREAM, 0);
            holdThenReset.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);
            Proxy resetThenHold = client.createProxy("reset-then-hold", "127.0.0.1:0", echo.address());
            resetThenHold.toxics().resetPeer("rst", ToxicDirection.UPSTREAM, 0);
            resetThenHold.toxics().timeout("hold", ToxicDirection.UPSTREAM, 0);
            try (TestClient first = new TestClient(holdThenReset.getListen());
                    TestClient second = new TestClient(resetThenHold.getListen())) {
                first.send(PING);
                second.send(PING);

                assertThatThrownBy(() -> second.readExactly(PING.length))
                        .as("reset first: the data reaches it at once")
                        .isInstanceOf(SocketException.class)
                        .hasMessageContaining("reset");
                assertThat(first.receivesWithin(Duration.ofMillis(300)))
                        .as("hold first: nothing reaches the reset, nothing comes back")
                        .isFalse();

                hold.remove();

                assertThatThrownBy(() -> first.readExactly(PING.length))
                        .as("released by the removal, the data reaches the reset")
                        .isInstanceOf(SocketException.class)
                        .hasMessageContaining("reset");
            }
        }
    }

    /** Request leg (client send to upstream arrival) and response leg (arrival to echo received), in ns. */
    private static long[] timedEcho(TestClient conn, TestUpstream echo) throws Exception {
        echo.arrivals.clear();
        long sent = System.nanoTime();
        conn.send(PING);
        conn.readExactly(PING.length);
        long received = System.nanoTime();
        Long arrived = echo.arrivals.poll(5, TimeUnit.SECONDS);
        assertThat(arrived).as("the upstream saw the request").isNotNull();
        return new long[] {arrived - sent, received - arrived};
    }

    private static long medianRoundTrip(TestClient conn) throws IOException {
        try (conn) {
            long[] samples = new long[5];
            for (int i = 0; i < samples.length; i++) {
                samples[i] = conn.roundTripNanos(PING);
            }
            Arrays.sort(samples);
            return samples[samples.length / 2];
        }
    }

    private static long timeToReceive(TestClient conn, int size) throws IOException {
        try (conn) {
            long start = System.nanoTime();
            conn.readExactly(size);
            return System.nanoTime() - start;
        }
    }

    private static long timeToClose(TestClient conn) throws IOException {
        try (conn) {
            long start = System.nanoTime();
            assertThat(conn.readToEnd()).isZero();
            return System.nanoTime() - start;
        }
    }

    /** True when the connection ends (end of stream or reset) before any byte arrives; fails on a timeout. */
    private static boolean endsWithoutData(TestClient conn) throws IOException {
        try {
            return conn.socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the connection stayed open past the deadline", e);
        } catch (SocketException e) {
            return true;
        }
    }
}
