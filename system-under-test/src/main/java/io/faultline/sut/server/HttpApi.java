package io.faultline.sut.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.sut.json.JsonException;
import io.faultline.sut.json.JsonValue;
import io.faultline.sut.json.JsonValue.JsonObject;
import io.faultline.sut.kv.Command;
import io.faultline.sut.kv.CommandCodec;
import io.faultline.sut.kv.Outcome;
import io.faultline.sut.kv.Query;
import io.faultline.sut.node.NodeId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The client and admin API over HTTP/JSON; {@code docs/store.md} lists every endpoint. Every error is
 * {@code {"ok":false,"error":CODE,"definite":BOOL,"message":...,"node":ID}}: {@code definite: true} means the
 * operation certainly did not take effect.
 */
public final class HttpApi implements AutoCloseable {

    private static final int MAX_BODY = 1 << 20;

    private final HttpServer server;
    private final NodeId self;
    private final Engine engine;
    private final Metrics metrics;
    private final Supplier<String> peerProbe;
    private final long timeoutMillis;

    public HttpApi(
            int port, NodeId self, Engine engine, Metrics metrics, Supplier<String> peerProbe, long timeoutMillis)
            throws IOException {
        this.self = self;
        this.engine = engine;
        this.metrics = metrics;
        this.peerProbe = peerProbe;
        this.timeoutMillis = timeoutMillis;
        this.server = HttpServer.create(new InetSocketAddress(port), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    private record Reply(int status, String body, String contentType) {
        static Reply json(int status, JsonValue body) {
            return new Reply(status, body.toString(), "application/json");
        }
    }

    /** A request the client got wrong: nothing was done. */
    private static final class BadRequest extends Exception {
        private static final long serialVersionUID = 1L;

        BadRequest(String message) {
            super(message);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        metrics.httpRequest();
        Reply reply;
        try {
            long minIndex = minIndex(ex.getRequestURI().getRawQuery());
            reply = route(ex.getRequestMethod(), ex.getRequestURI().getPath(), minIndex, body(ex));
        } catch (BadRequest | JsonException | IllegalArgumentException e) {
            reply = error(400, "bad-request", true, e.getMessage(), Optional.empty());
        } catch (StoreException e) {
            reply = storeError(e);
        } catch (RuntimeException e) {
            reply = error(500, "internal", false, e.toString(), Optional.empty());
        }
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", reply.contentType());
        ex.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String body(HttpExchange ex) throws IOException {
        try (InputStream in = ex.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("request body larger than " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** A read's {@code ?min-index=N} (see {@link ReadMode#SEQUENTIAL}); 0 when absent. */
    private static long minIndex(String query) throws BadRequest {
        if (query == null) {
            return 0;
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith("min-index=")) {
                String text = pair.substring("min-index=".length());
                try {
                    long n = Long.parseLong(text);
                    if (n >= 0) {
                        return n;
                    }
                } catch (NumberFormatException e) {
                    // refused below
                }
                throw new BadRequest("min-index must be a log index (a non-negative integer), got '" + text + "'");
            }
        }
        return 0;
    }

    private Reply route(String method, String path, long minIndex, String body) throws BadRequest, StoreException {
        String[] parts = path.substring(1).split("/", -1);
        String head = parts[0];
        String key = parts.length > 1 ? parts[1] : "";
        boolean keyed = parts.length >= 2 && !key.isEmpty();
        return switch (method + " " + head) {
            case "GET health" -> ok(Map.of("status", JsonValue.of("ok")));
            case "GET peers" -> new Reply(200, peerProbe.get(), "application/json");
            case "GET status" -> Reply.json(200, statusJson());
            case "GET metrics" -> new Reply(200, metrics.render(engine.engineStatus()), "text/plain; version=0.0.4");
            case "GET kv" -> read(keyed, new Query.ReadRegister(key), "value", minIndex);
            case "PUT kv" ->
                write(keyed, () -> new Command.Write(key, object(body).require("value")));
            case "POST kv" -> {
                if (parts.length != 3 || !parts[2].equals("cas")) {
                    throw new BadRequest("compare-and-set is POST /kv/KEY/cas");
                }
                JsonObject o = object(body);
                yield write(keyed, () -> new Command.Cas(key, o.require("from"), o.require("to")));
            }
            case "POST txn" ->
                write(
                        true,
                        () -> new Command.Txn(
                                CommandCodec.decodeMicroOps(object(body).require("ops"))));
            case "POST registers" ->
                switch (key) {
                    case "read" -> read(true, new Query.ReadRegisters(keys(object(body))), "values", minIndex);
                    case "txn" -> write(true, () -> CommandCodec.guardedWrite(object(body)));
                    default ->
                        throw new BadRequest(
                                "multi-register calls are POST /registers/read {\"keys\":[...]} and POST /registers/txn {\"if\":{...},\"then\":{...}}");
                };
            case "GET list" -> read(keyed, new Query.ReadList(key), "value", minIndex);
            case "GET set" -> read(keyed, new Query.ReadSet(key), "elements", minIndex);
            case "POST set" ->
                write(keyed, () -> new Command.SetAdd(key, object(body).require("element")));
            case "GET counter" -> read(keyed, new Query.ReadCounter(key), "value", minIndex);
            case "POST admin" -> {
                if (!key.equals("members") || parts.length != 2) {
                    throw new BadRequest(
                            "adding a member is POST /admin/members {\"id\":ID,\"address\":\"host:port\"}");
                }
                JsonObject o = object(body);
                NodeId id = NodeId.of(o.requireString("id"));
                String address = o.requireString("address");
                yield changeMembers(c -> c.with(id, address));
            }
            case "DELETE admin" -> {
                if (!key.equals("members") || parts.length != 3 || parts[2].isEmpty()) {
                    throw new BadRequest("removing a member is DELETE /admin/members/ID");
                }
                NodeId id = NodeId.of(parts[2]);
                yield changeMembers(c -> c.without(id));
            }
            case "POST counter" ->
                write(keyed, () -> new Command.CounterAdd(key, object(body).requireLong("delta")));
            default -> error(404, "not-found", true, "no endpoint " + method + " " + path, Optional.empty());
        };
    }

    private interface CommandSupplier {
        Command get() throws BadRequest;
    }

    private Reply write(boolean keyed, CommandSupplier command) throws BadRequest, StoreException {
        if (!keyed) {
            throw new BadRequest("the path needs a key");
        }
        Command c = command.get();
        Indexed<Outcome> answer = await(engine.proposeIndexed(c), false);
        return switch (answer.value()) {
            case Outcome.Done d -> {
                metrics.writeOk();
                yield ok(indexed(c instanceof Command.Txn ? Map.of("ops", d.value()) : Map.of(), answer));
            }
            case Outcome.CasMismatch m -> {
                metrics.writeFailed();
                Map<String, JsonValue> f = errorFields(
                        "cas-mismatch", true, "the register does not hold the expected value", Optional.empty());
                f.put("current", m.current());
                yield Reply.json(412, new JsonObject(indexed(f, answer)));
            }
        };
    }

    private Reply changeMembers(java.util.function.UnaryOperator<io.faultline.sut.raft.Configuration> change)
            throws StoreException {
        await(engine.changeMembers(change), false);
        EngineStatus s = engine.engineStatus();
        return ok(Map.of(
                "members",
                new JsonValue.JsonArray(s.members().stream()
                        .<JsonValue>map(m -> JsonValue.of(m.value()))
                        .toList())));
    }

    private Reply read(boolean keyed, Query query, String field, long minIndex) throws BadRequest, StoreException {
        if (!keyed) {
            throw new BadRequest("the path needs a key");
        }
        Indexed<JsonValue> answer = await(engine.readIndexed(query, minIndex), true);
        return ok(indexed(Map.of(field, answer.value()), answer));
    }

    /** The fields with the answer's log {@code index}, when the engine gave one. */
    private static Map<String, JsonValue> indexed(Map<String, JsonValue> fields, Indexed<?> answer) {
        Map<String, JsonValue> f = new LinkedHashMap<>(fields);
        answer.index().ifPresent(i -> f.put("index", JsonValue.of(i)));
        return f;
    }

    /** Waits for the Raft loop; a timeout leaves a write's fate unknown, and a read without effect. */
    private <T> T await(CompletableFuture<T> future, boolean isRead) throws StoreException {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(false); // nothing waits for it any more (a write may still commit)
            throw new StoreException.Timeout(
                    "no answer within " + timeoutMillis + " ms" + (isRead ? "" : ": the write may still commit"),
                    isRead);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StoreException s) {
                throw s;
            }
            throw new StoreException.Unavailable("the request failed: " + e.getCause(), isRead);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreException.Unavailable("interrupted while waiting", isRead);
        }
    }

    private static java.util.List<String> keys(JsonObject o) throws BadRequest {
        if (!(o.require("keys") instanceof JsonValue.JsonArray array)
                || array.items().isEmpty()) {
            throw new BadRequest("\"keys\" must be a non-empty array of strings");
        }
        java.util.List<String> keys = new java.util.ArrayList<>();
        for (JsonValue k : array.items()) {
            if (!(k instanceof JsonValue.JsonString s)) {
                throw new BadRequest("\"keys\" must hold strings, got " + k);
            }
            keys.add(s.value());
        }
        return keys;
    }

    private static JsonObject object(String body) throws BadRequest {
        if (body.isBlank()) {
            throw new BadRequest("the request needs a JSON object body");
        }
        if (!(JsonValue.parse(body) instanceof JsonObject o)) {
            throw new BadRequest("the request body must be a JSON object");
        }
        return o;
    }

    private JsonValue statusJson() {
        EngineStatus s = engine.engineStatus();
        Map<String, JsonValue> f = new LinkedHashMap<>();
        f.put("node", JsonValue.of(s.node().value()));
        f.put("engine", JsonValue.of(s.engine()));
        f.put("role", JsonValue.of(s.role()));
        for (EngineStatus.Gauge g : s.gauges()) {
            f.put(g.field(), JsonValue.of(g.value()));
        }
        f.put("leader", s.leader().<JsonValue>map(l -> JsonValue.of(l.value())).orElse(JsonValue.NULL));
        f.put(
                "members",
                new JsonValue.JsonArray(s.members().stream()
                        .<JsonValue>map(m -> JsonValue.of(m.value()))
                        .toList()));
        f.put("readMode", JsonValue.of(engine.readMode()));
        f.put(
                "bugs",
                new JsonValue.JsonArray(engine.bugs().stream()
                        .<JsonValue>map(b -> JsonValue.of(b.flag()))
                        .toList()));
        f.put("running", JsonValue.of(engine.isRunning()));
        return new JsonObject(f);
    }

    private Reply ok(Map<String, JsonValue> fields) {
        Map<String, JsonValue> f = new LinkedHashMap<>();
        f.put("ok", JsonValue.of(true));
        f.put("node", JsonValue.of(self.value()));
        f.putAll(fields);
        return Reply.json(200, new JsonObject(f));
    }

    private Reply storeError(StoreException e) {
        metrics.writeFailed();
        Optional<NodeId> leader = switch (e) {
            case StoreException.NotLeader n -> n.leader();
            case StoreException.LeadershipLost l -> l.leader();
            default -> Optional.empty();
        };
        int status = switch (e) {
            case StoreException.NotLeader n -> 421;
            case StoreException.Timeout t -> 504;
            case StoreException.Superseded s -> 409;
            case StoreException.MembershipChangeRejected m -> 409;
            case StoreException.LeadershipLost l -> 503;
            case StoreException.Unavailable u -> 503;
            case StoreException.Unsupported u -> 501;
        };
        return error(status, e.code(), e.definite(), e.getMessage(), leader);
    }

    private Reply error(int status, String code, boolean definite, String message, Optional<NodeId> leader) {
        return Reply.json(status, new JsonObject(errorFields(code, definite, message, leader)));
    }

    private Map<String, JsonValue> errorFields(String code, boolean definite, String message, Optional<NodeId> leader) {
        Map<String, JsonValue> f = new LinkedHashMap<>();
        f.put("ok", JsonValue.of(false));
        f.put("error", JsonValue.of(code));
        f.put("definite", JsonValue.of(definite));
        f.put("message", JsonValue.of(String.valueOf(message)));
        f.put("node", JsonValue.of(self.value()));
        if (code.equals("not-leader") || code.equals("leadership-lost")) {
            f.put("leader", leader.<JsonValue>map(l -> JsonValue.of(l.value())).orElse(JsonValue.NULL));
        }
        return f;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
