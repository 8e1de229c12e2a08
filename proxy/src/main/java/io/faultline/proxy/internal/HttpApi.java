package io.faultline.proxy.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.proxy.Proxies;
import io.faultline.proxy.ProxyLimits;
import io.faultline.proxy.ProxyView;
import io.faultline.proxy.ToxicSpec;
import io.faultline.proxy.ToxiproxyException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Toxiproxy's HTTP API over {@link Proxies}, on the JDK's HTTP server: the routes, status codes and JSON bodies the
 * official clients expect. Errors are {@code {"error": "...", "status": N}}.
 */
public final class HttpApi implements AutoCloseable {

    private static final String JSON = "application/json";

    private final Proxies proxies;
    private final String version;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    private HttpApi(Proxies proxies, String version, HttpServer server) {
        this.proxies = proxies;
        this.version = version;
        this.server = server;
    }

    /** Binds {@code address} and starts serving. */
    public static HttpApi start(InetSocketAddress address, Proxies proxies, String version) throws IOException {
        HttpServer server = HttpServer.create(address, 128);
        HttpApi api = new HttpApi(proxies, version, server);
        server.createContext("/", api::handle);
        server.setExecutor(api.executor);
        server.start();
        return api;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Response(int status, String contentType, byte[] body) {

        static Response json(int status, JsonNode node) {
            return new Response(status, JSON, (node.toString() + "\n").getBytes(StandardCharsets.UTF_8));
        }

        static Response noContent() {
            return new Response(204, null, new byte[0]);
        }

        static Response error(int status, String message) {
            ObjectNode node = JsonWire.MAPPER.createObjectNode();
            node.put("error", message);
            node.put("status", status);
            return json(status, node);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Response response;
            try {
                byte[] body = boundedBody(exchange);
                response = body == null
                        ? Response.error(
                                413,
                                "request body too large: at most " + ProxyLimits.MAX_BODY_BYTES + " bytes are read")
                        : route(
                                exchange.getRequestMethod(),
                                segments(exchange.getRequestURI().getRawPath()),
                                body);
            } catch (ToxiproxyException e) {
                response = Response.error(e.status(), e.getMessage());
            } catch (RuntimeException e) {
                response = Response.error(500, "internal error: " + e);
            }
            if (response.contentType() != null) {
                exchange.getResponseHeaders().set("Content-Type", response.contentType());
            }
            boolean empty = response.body().length == 0;
            exchange.sendResponseHeaders(response.status(), empty ? -1 : response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                if (!empty) {
                    out.write(response.body());
                }
            }
        }
    }

    /**
     * The request body, or null when it is longer than {@link ProxyLimits#MAX_BODY_BYTES}: refused on its declared
     * length before any of it is read, else once one byte more than the bound has been read. What is left is not
     * read here (the JDK's server discards at most 64 KiB more, then closes the connection).
     */
    private static byte[] boundedBody(HttpExchange exchange) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > ProxyLimits.MAX_BODY_BYTES) {
                    return null;
                }
            } catch (NumberFormatException e) {
                // the JDK's server has already refused a malformed length; nothing more to check here
            }
        }
        InputStream in = exchange.getRequestBody();
        byte[] body = in.readNBytes(ProxyLimits.MAX_BODY_BYTES + 1);
        return body.length > ProxyLimits.MAX_BODY_BYTES ? null : body;
    }

    private Response route(String method, List<String> path, byte[] body) {
        return switch (path.size()) {
            case 1 ->
                switch (method + " " + path.get(0)) {
                    case "GET proxies" -> listProxies();
                    case "POST proxies" ->
                        Response.json(
                                201,
                                JsonWire.proxy(proxies.create(
                                        JsonWire.proxySpec(JsonWire.parse(body), proxies.defaultListen()))));
                    case "POST populate" -> populate(body);
                    case "POST reset" -> {
                        proxies.reset();
                        yield Response.noContent();
                    }
                    case "GET version" -> version();
                    case "GET metrics" ->
                        new Response(
                                200,
                                "text/plain; version=0.0.4; charset=utf-8",
                                proxies.prometheusMetrics().getBytes(StandardCharsets.UTF_8));
                    default -> noRoute(method, path);
                };
            case 2 -> path.get(0).equals("proxies") ? proxyRoute(method, path.get(1), body) : noRoute(method, path);
            case 3 ->
                path.get(0).equals("proxies") && path.get(2).equals("toxics")
                        ? toxicsRoute(method, path.get(1), body)
                        : noRoute(method, path);
            case 4 ->
                path.get(0).equals("proxies") && path.get(2).equals("toxics")
                        ? toxicRoute(method, path.get(1), path.get(3), body)
                        : noRoute(method, path);
            default -> noRoute(method, path);
        };
    }

    private Response listProxies() {
        ObjectNode node = JsonWire.MAPPER.createObjectNode();
        for (ProxyView view : proxies.list()) {
            node.set(view.name(), JsonWire.proxy(view));
        }
        return Response.json(200, node);
    }

    private Response populate(byte[] body) {
        List<ProxyView> created = proxies.populate(JsonWire.populate(JsonWire.parse(body), proxies.defaultListen()));
        ObjectNode node = JsonWire.MAPPER.createObjectNode();
        ArrayNode array = node.putArray("proxies");
        created.forEach(view -> array.add(JsonWire.proxy(view)));
        return Response.json(201, node);
    }

    private Response version() {
        ObjectNode node = JsonWire.MAPPER.createObjectNode();
        node.put("version", version);
        return Response.json(200, node);
    }

    private Response proxyRoute(String method, String name, byte[] body) {
        return switch (method) {
            case "GET" -> Response.json(200, JsonWire.proxy(proxies.get(name)));
            case "POST", "PATCH" ->
                Response.json(200, JsonWire.proxy(proxies.update(name, JsonWire.proxyChange(JsonWire.parse(body)))));
            case "DELETE" -> {
                proxies.delete(name);
                yield Response.noContent();
            }
            default -> methodNotAllowed(method, "/proxies/{proxy}");
        };
    }

    private Response toxicsRoute(String method, String proxy, byte[] body) {
        return switch (method) {
            case "GET" -> {
                ArrayNode array = JsonWire.MAPPER.createArrayNode();
                proxies.toxics(proxy).forEach(t -> array.add(JsonWire.toxic(t)));
                yield Response.json(200, array);
            }
            case "POST" -> {
                proxies.get(proxy); // 404 for an unknown proxy before any complaint about the body
                ToxicSpec spec = JsonWire.toxicSpec(JsonWire.parse(body));
                yield Response.json(200, JsonWire.toxic(proxies.addToxic(proxy, spec)));
            }
            default -> methodNotAllowed(method, "/proxies/{proxy}/toxics");
        };
    }

    private Response toxicRoute(String method, String proxy, String toxic, byte[] body) {
        return switch (method) {
            case "GET" -> Response.json(200, JsonWire.toxic(proxies.toxic(proxy, toxic)));
            case "POST", "PATCH" -> {
                proxies.toxic(proxy, toxic);
                yield Response.json(
                        200,
                        JsonWire.toxic(proxies.updateToxic(proxy, toxic, JsonWire.toxicChange(JsonWire.parse(body)))));
            }
            case "DELETE" -> {
                proxies.removeToxic(proxy, toxic);
                yield Response.noContent();
            }
            default -> methodNotAllowed(method, "/proxies/{proxy}/toxics/{toxic}");
        };
    }

    private static Response noRoute(String method, List<String> path) {
        return Response.error(404, "no such endpoint: " + method + " /" + String.join("/", path));
    }

    private static Response methodNotAllowed(String method, String route) {
        return Response.error(405, "method " + method + " not allowed on " + route);
    }

    private static List<String> segments(String rawPath) {
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        return segments;
    }
}
