package io.faultline.harness.db;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.workloads.generator.Invocation;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A client of the bundled store's HTTP API for the register workloads ({@code read}, {@code write}, {@code cas},
 * with an optional {@code key}), the set workload ({@code add}, {@code read} of the whole set) and the counter
 * ({@code add} of a delta, {@code read}). It talks to its
 * own node and follows a {@code not-leader} answer to the leader it names, once. Outcomes follow the store's
 * {@code definite} flag: definite errors are {@code fail}, others {@code info}; a refused connection is
 * {@code fail} (nothing was sent); a timeout or a broken connection is {@code info}. A cas that definitely did not
 * happen for another reason than a mismatch is recorded as {@code info}: to the checker a failed cas means "the
 * register did not hold from".
 */
final class StoreClient implements Client {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final ClusterView cluster;
    private final String node;
    private final Family family;

    /** Which of the store's data types a workload's ops address. */
    enum Family {
        REGISTERS,
        SET,
        COUNTER,
        TXN;

        static Family of(String workload) {
            return switch (workload) {
                case "set" -> SET;
                case "counter" -> COUNTER;
                case "list-append" -> TXN;
                default -> REGISTERS;
            };
        }
    }

    private final HttpClient http;

    StoreClient(ClusterView cluster, String node, Family family) {
        this.cluster = cluster;
        this.node = node;
        this.family = family;
        this.http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    }

    @Override
    public Completion invoke(Invocation op) throws InterruptedException {
        return send(node, request(node, op), op, true);
    }

    private HttpRequest.Builder request(String target, Invocation op) {
        String key = op.extra().containsKey("key") ? "k" + op.extra().get("key") : "r";
        return switch (op.f()) {
            case "read" -> HttpRequest.newBuilder(uri(target, readPath(key))).GET();
            case "write" -> json(uri(target, "/kv/" + key), "PUT", field("value", op.value()));
            case "cas" -> {
                if (!(op.value() instanceof List<?> pair) || pair.size() != 2) {
                    throw new IllegalArgumentException("cas needs a value [from to], not " + op.value());
                }
                ObjectNode body = field("from", pair.get(0));
                body.set("to", JSON.valueToTree(pair.get(1)));
                yield json(uri(target, "/kv/" + key + "/cas"), "POST", body);
            }
            case "txn" -> json(uri(target, "/txn"), "POST", txnBody(op.value()));
            case "add" ->
                family == Family.COUNTER
                        ? json(uri(target, "/counter/c"), "POST", field("delta", op.value()))
                        : json(uri(target, "/set/s"), "POST", field("element", op.value()));
            default -> throw new IllegalArgumentException("the store client has no op '" + op.f() + "'");
        };
    }

    private Completion send(String target, HttpRequest.Builder request, Invocation op, boolean mayRedirect)
            throws InterruptedException {
        HttpResponse<String> response;
        try {
            response = http.send(request.timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return definitelyNotDone(op, "connection refused by " + target);
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
            if (op.f().equals("txn")) {
                return Completion.ok(txnResult(op.value(), body.get("ops")));
            }
            if (!op.f().equals("read")) {
                return Completion.ok(op.value());
            }
            return Completion.ok(family == Family.SET ? elements(body.get("elements")) : plain(body.get("value")));
        }
        String error = body.path("error").asText("unknown");
        boolean definite = body.path("definite").asBoolean(false);
        String leader = body.path("leader").isTextual() ? body.path("leader").asText() : null;
        if (error.equals("not-leader") && mayRedirect && leader != null && !leader.equals(target)) {
            return send(leader, request(leader, op), op, false);
        }
        if (!definite) {
            return Completion.info(error);
        }
        return error.equals("cas-mismatch") ? Completion.fail(error) : definitelyNotDone(op, error);
    }

    /**
     * An op that certainly did not happen: {@code fail}, except a cas, which is recorded {@code info}: to the
     * checker a failed cas means "the register did not hold from", which only a mismatch shows.
     */
    private static Completion definitelyNotDone(Invocation op, String why) {
        return op.f().equals("cas")
                ? Completion.info(why + " (a cas that did not happen for another reason than a mismatch)")
                : Completion.fail(why);
    }

    private String readPath(String key) {
        return switch (family) {
            case SET -> "/set/s";
            case COUNTER -> "/counter/c";
            case REGISTERS, TXN -> "/kv/" + key;
        };
    }

    /** {@code [[append k v] [r k nil]]} as the store's {@code {"ops": [["append","l1",v],["r","l1",null]]}}. */
    private static ObjectNode txnBody(@Nullable Object value) {
        if (!(value instanceof List<?> micros)) {
            throw new IllegalArgumentException("a txn needs a list of micro-ops, not " + value);
        }
        com.fasterxml.jackson.databind.node.ArrayNode ops = JSON.createArrayNode();
        for (Object m : micros) {
            List<?> micro = (List<?>) m;
            com.fasterxml.jackson.databind.node.ArrayNode op = ops.addArray();
            op.add(String.valueOf(micro.get(0)));
            op.add("l" + micro.get(1));
            op.add((JsonNode) JSON.valueToTree(micro.get(2)));
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("ops", ops);
        return body;
    }

    /** The invoked micro-ops with each read's value taken from the store's answer, position by position. */
    private static List<Object> txnResult(@Nullable Object invoked, @Nullable JsonNode answered) {
        List<Object> result = new ArrayList<>();
        List<?> micros = (List<?>) invoked;
        for (int i = 0; i < micros.size(); i++) {
            List<?> micro = (List<?>) micros.get(i);
            Object value = micro.get(2);
            if ("r".equals(micro.get(0)) && answered != null && answered.get(i) != null) {
                value = elements(answered.get(i).get(2));
            }
            result.add(java.util.Arrays.asList(micro.get(0), micro.get(1), value));
        }
        return result;
    }

    private static ObjectNode field(String name, @Nullable Object value) {
        ObjectNode body = JSON.createObjectNode();
        body.set(name, JSON.valueToTree(value));
        return body;
    }

    private static HttpRequest.Builder json(URI uri, String method, ObjectNode body) {
        return HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
    }

    private URI uri(String target, String path) {
        return cluster.clientAddress(target).http(path);
    }

    /** JSON numbers as Long, null as null, strings as strings, anything else as its JSON text. */
    private static @Nullable Object plain(@Nullable JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isIntegralNumber()) {
            return value.asLong();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }

    private static List<Object> elements(@Nullable JsonNode elements) {
        List<Object> out = new ArrayList<>();
        if (elements != null) {
            elements.forEach(e -> out.add(plain(e)));
        }
        return out;
    }

    @Override
    public void close() {
        http.close();
    }
}
