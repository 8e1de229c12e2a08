package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The bounds of the HTTP API and where its proxies may listen, over real HTTP on loopback: raw sockets where a body
 * must be cut short or sent in chunks, the official client everywhere else.
 */
class ProxyApiLimitsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(5);

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

    @Test
    void a_body_declared_longer_than_64_KiB_is_refused_with_413_before_any_of_it_is_sent() throws IOException {
        String response = exchange(
                "POST /proxies HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 62914560\r\n\r\n",
                new byte[0]);

        assertThat(response)
                .as("answered on the declared 60 MB without waiting for them")
                .startsWith("HTTP/1.1 413")
                .contains("\"error\":\"request body too large: at most 65536 bytes are read\"")
                .contains("\"status\":413");
        assertThat(client.getProxies()).isEmpty();
    }

    @Test
    void a_chunked_body_is_read_only_up_to_the_bound_and_refused_with_413_while_more_is_coming() throws IOException {
        byte[] chunk = "{\"name\":\"db\"".concat(" ".repeat(4096 - 12)).getBytes(StandardCharsets.US_ASCII);
        StringBuilder chunks = new StringBuilder();
        for (int sent = 0; sent <= ProxyLimits.MAX_BODY_BYTES; sent += chunk.length) {
            chunks.append(Integer.toHexString(chunk.length)).append("\r\n");
            chunks.append(new String(chunk, StandardCharsets.US_ASCII)).append("\r\n");
        }

        String response = exchange(
                "POST /proxies HTTP/1.1\r\nHost: localhost\r\nTransfer-Encoding: chunked\r\n\r\n",
                chunks.toString().getBytes(StandardCharsets.US_ASCII));

        assertThat(response)
                .as("the last chunk was never sent, so only a read that stopped at the bound can answer")
                .startsWith("HTTP/1.1 413")
                .contains("at most 65536 bytes");
    }

    @Test
    void a_body_of_exactly_64_KiB_is_read_and_one_byte_more_is_refused() throws IOException {
        String json = "{\"name\":\"db\",\"upstream\":\"127.0.0.1:1\",\"enabled\":false}";
        String atTheBound = json + " ".repeat(ProxyLimits.MAX_BODY_BYTES - json.length());

        String accepted = post("/proxies", atTheBound);
        String refused = post("/proxies", atTheBound + " ");

        assertThat(accepted).startsWith("HTTP/1.1 201").contains("\"name\":\"db\"");
        assertThat(refused).startsWith("HTTP/1.1 413");
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("db");
    }

    @Test
    void a_proxy_or_toxic_name_past_256_characters_is_a_400_naming_the_bound() throws IOException {
        String longest = "n".repeat(ProxyLimits.MAX_NAME_LENGTH);
        Proxy proxy = client.createProxy(longest, "127.0.0.1:0", "127.0.0.1:1");

        assertThatThrownBy(() -> client.createProxy(longest + "n", "127.0.0.1:0", "127.0.0.1:1"))
                .isInstanceOf(IOException.class)
                .hasMessage("[400] name must be at most 256 characters, got 257");
        assertThatThrownBy(() -> proxy.toxics().latency("t".repeat(257), ToxicDirection.DOWNSTREAM, 1))
                .isInstanceOf(IOException.class)
                .hasMessage("[400] name of the toxic must be at most 256 characters, got 257");
        assertThatThrownBy(() -> proxy.toxics().latency("lag", ToxicDirection.DOWNSTREAM, 3_000_000_000L))
                .isInstanceOf(IOException.class)
                .hasMessage("[400] attributes.latency must be at most 2147483647, got 3000000000");
        assertThat(proxy.toxics().getAll()).isEmpty();
    }

    @Test
    void a_listen_port_in_use_is_a_409_naming_the_address() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listen = "127.0.0.1:" + taken.getLocalPort();

            assertThatThrownBy(() -> client.createProxy("db", listen, "127.0.0.1:1"))
                    .isInstanceOf(IOException.class)
                    .hasMessage("[409] proxy db cannot listen on " + listen + ": the address is already in use");
            Proxy other = client.createProxy("other", "127.0.0.1:0", "127.0.0.1:1");
            assertThatThrownBy(() -> other.setListen(listen))
                    .as("moving a proxy onto a port in use")
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("[409] proxy other cannot listen on " + listen);
        }
    }

    @Test
    void a_server_started_plainly_refuses_non_loopback_listen_addresses_naming_the_flag() throws IOException {
        Proxy proxy = client.createProxy("db", "127.0.0.1:0", "127.0.0.1:1");

        for (String listen : new String[] {"0.0.0.0:0", "[::]:0", ":0", "10.1.2.3:0", "example.com:0"}) {
            assertThatThrownBy(() -> client.createProxy("wide", listen, "127.0.0.1:1"))
                    .as(listen)
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("[400] listen " + listen + " is not a loopback address")
                    .hasMessageContaining("--allow-remote-listen");
        }
        assertThatThrownBy(() -> proxy.setListen("0.0.0.0:0"))
                .isInstanceOf(IOException.class)
                .hasMessageStartingWith("[400] listen 0.0.0.0:0 is not a loopback address");
        String populate = "[{\"name\":\"wide\",\"listen\":\"0.0.0.0:0\",\"upstream\":\"127.0.0.1:1\"}]";
        assertThat(post("/populate", populate)).startsWith("HTTP/1.1 400").contains("--allow-remote-listen");
        assertThat(client.getProxies()).extracting(Proxy::getName).containsExactly("db");
        assertThat(client.getProxy("db").getListen()).startsWith("127.0.0.1:");
        assertThat(client.createProxy("other-loopback", "127.0.0.2:0", "127.0.0.1:1")
                        .getListen())
                .startsWith("127.0.0.2:");
        assertThat(client.createProxy("by-name", "localhost:0", "127.0.0.1:1").getListen())
                .as("localhost is allowed")
                .matches("(127\\.0\\.0\\.1|\\[0:0:0:0:0:0:0:1\\]):[1-9][0-9]*");
    }

    @Test
    void a_server_allowing_remote_listen_lets_a_proxy_listen_on_every_interface() throws IOException {
        try (ToxiproxyServer open =
                ToxiproxyServer.start(new InetSocketAddress("127.0.0.1", 0), ListenScope.ANY_ADDRESS)) {
            ToxiproxyClient openClient =
                    new ToxiproxyClient("127.0.0.1", open.apiAddress().getPort());

            Proxy wide = openClient.createProxy("wide", "0.0.0.0:0", "127.0.0.1:1");

            assertThat(wide.getListen()).matches("0\\.0\\.0\\.0:[1-9][0-9]*");
        }
    }

    private String post(String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return exchange(
                "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: "
                        + bytes.length + "\r\n\r\n",
                bytes);
    }

    /** Sends the head and the bytes as given, then reads the response until the status line and body are in. */
    private String exchange(String head, byte[] bytes) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(server.apiAddress(), (int) DEADLINE.toMillis());
            socket.setSoTimeout((int) DEADLINE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return readResponse(socket.getInputStream());
        }
    }

    /** Reads the head, then as many body bytes as its Content-Length says (a timeout fails the test). */
    private static String readResponse(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head.length() + " bytes of the response head");
            }
            head.append((char) b);
        }
        int length = 0;
        for (String line : head.toString().split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
