package io.faultline.sut;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A Faultline node: today a single-node key-value store with a peer listener, enough for the harness to prove
 * its cluster lifecycle (start, reach, kill, pause, restart). The replicated store grows from here.
 *
 * <p>HTTP: {@code GET /health}; {@code GET /peers} (tries a TCP connection to every configured peer);
 * {@code GET|PUT /kv/KEY}. Peer port: answers every connection with this node's id and closes it.
 */
public final class NodeMain {

    private final NodeConfig config;
    private final Map<String, String> data = new ConcurrentHashMap<>();
    private final JsonLog log;

    private NodeMain(NodeConfig config) {
        this.config = config;
        this.log = new JsonLog(config.id());
    }

    public static void main(String[] args) throws IOException {
        NodeConfig config;
        try {
            config = NodeConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("faultline-node: " + e.getMessage());
            System.exit(254);
            return;
        }
        new NodeMain(config).start();
    }

    private void start() throws IOException {
        ServerSocket peerListener = new ServerSocket();
        peerListener.setReuseAddress(true);
        peerListener.bind(new InetSocketAddress(config.peerPort()));
        Thread.ofVirtual().name("peer-listener").start(() -> servePeers(peerListener));

        HttpServer http = HttpServer.create(new InetSocketAddress(config.httpPort()), 64);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/health", ex -> respond(ex, 200, "{\"status\":\"ok\",\"node\":\"" + config.id() + "\"}"));
        http.createContext("/peers", ex -> respond(ex, 200, probePeers()));
        http.createContext("/kv/", this::kv);
        http.start();
        log.info(
                "started",
                Map.of(
                        "http_port",
                        config.httpPort(),
                        "peer_port",
                        config.peerPort(),
                        "peers",
                        config.peers().keySet()));
    }

    private void servePeers(ServerSocket listener) {
        while (!listener.isClosed()) {
            try (Socket socket = listener.accept()) {
                socket.getOutputStream().write((config.id() + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                log.info("peer connection failed", Map.of("error", String.valueOf(e.getMessage())));
            }
        }
    }

    /** One JSON object: peer id to "reachable", "refused", "timeout" or "error:...". */
    private String probePeers() {
        return config.peers().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + probe(e.getValue()) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String probe(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(
                            hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    1000);
            return "reachable";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (java.net.ConnectException e) {
            return "refused";
        } catch (IOException | RuntimeException e) {
            return "error:" + e.getClass().getSimpleName();
        }
    }

    private void kv(HttpExchange ex) throws IOException {
        String key = ex.getRequestURI().getPath().substring("/kv/".length());
        switch (ex.getRequestMethod()) {
            case "GET" -> {
                String value = data.get(key);
                respond(
                        ex,
                        value == null ? 404 : 200,
                        value == null ? "{\"error\":\"not-found\"}" : "{\"value\":\"" + JsonLog.escape(value) + "\"}");
            }
            case "PUT" -> {
                try (InputStream in = ex.getRequestBody()) {
                    data.put(key, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
                respond(ex, 200, "{\"ok\":true}");
            }
            default -> respond(ex, 405, "{\"error\":\"method-not-allowed\"}");
        }
    }

    private static void respond(HttpExchange ex, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
