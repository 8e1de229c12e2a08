package io.faultline.harness.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.workloads.generator.Invocation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A client of the bundled store's HTTP API for the register workloads ({@code read}, {@code write}, {@code cas},
 * with an optional {@code key}). It talks to its own node and follows a {@code not-leader} answer to the leader it
 * names, once. Outcomes follow the store's {@code definite} flag: definite errors are {@code fail}, others
 * {@code info}; a refused connection is {@code fail} (nothing was sent); a timeout or a broken connection is
 * {@code info}. A cas that definitely did not happen for another reason than a mismatch is recorded as
 * {@code info}: a failed cas means "the register did not hold from" to the checker.
 */
final class StoreClient implements Client {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterView cluster;
    private final String node;
    private final HttpClient http;

    StoreClient(ClusterView cluster, String node) {
        this.cluster = cluster;
        this.node = node;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    @Override
    public Completion invoke(Invocation op) throws InterruptedException {
        String key = op.extra().containsKey("key") ? "k" + op.extra().get("key") : "r";
        return switch (op.f()) {
            case "read" ->
                send(node, HttpRequest.newBuilder(uri(node, "/kv/" + key)).GET(), op, true);
            case "write" -> send(node, put(node, key, op.value()), op, true);
            case "cas" -> send(node, cas(node, key, op.value()), op, true);
            default -> throw new IllegalArgumentException("the store client has no op '" + op.f() + "'");
        };
    }

    private Completion send(String target, HttpRequest.Builder request, Invocation op, boolean mayRedirect)
            throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return Completion.fail("connection refused by " + target);
        } catch (HttpTimeoutException e) {
            return Completion.info("timeout at " + target);
        } catch (IOException e) {
            return Completion.info("connection to " + target + " lost: " + e.getMessage());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return Completion.info("unreadable answer from " + target + ": " + e.getMessage());
        }
        if (body.path("ok").asBoolean(false)) {
            return Completion.ok(op.f().equals("read") ? plain(body.get("value")) : op.value());
        }
        String error = body.path("error").asText("unknown");
        boolean definite = body.path("definite").asBoolean(false);
        String leader = body.path("leader").isTextual() ? body.path("leader").asText() : null;
        if (error.equals("not-leader") && mayRedirect && leader != null && !leader.equals(target)) {
            return send(leader, retarget(op, leader), op, false);
        }
        if (!definite) {
            return Completion.info(error);
        }
        if (op.f().equals("cas") && !error.equals("cas-mismatch")) {
            return Completion.info(error + " (a cas that did not happen for another reason than a mismatch)");
        }
        return Completion.fail(error);
    }

    private HttpRequest.Builder retarget(Invocation op, String target) {
        String key = op.extra().containsKey("key") ? "k" + op.extra().get("key") : "r";
        return switch (op.f()) {
            case "read" -> HttpRequest.newBuilder(uri(target, "/kv/" + key)).GET();
            case "write" -> put(target, key, op.value());
            default -> cas(target, key, op.value());
        };
    }

    private HttpRequest.Builder put(String target, String key, @Nullable Object value) {
        ObjectNode body = JSON.createObjectNode();
        body.set("value", JSON.valueToTree(value));
        return HttpRequest.newBuilder(uri(target, "/kv/" + key))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private HttpRequest.Builder cas(String target, String key, @Nullable Object value) {
        if (!(value instanceof List<?> pair) || pair.size() != 2) {
            throw new IllegalArgumentException("cas needs a value [from to], not " + value);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("from", JSON.valueToTree(pair.get(0)));
        body.set("to", JSON.valueToTree(pair.get(1)));
        return HttpRequest.newBuilder(uri(target, "/kv/" + key + "/cas"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private java.net.URI uri(String target, String path) {
        return cluster.clientAddress(target).http(path);
    }

    /** JSON numbers as Long, null as null, anything else as its JSON text. */
    private static @Nullable Object plain(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    @Override
    public void close() {
        http.close();
    }
}
