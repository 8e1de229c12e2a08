package io.faultline.harness.db;

import static io.faultline.harness.db.StoreHttp.JSON;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.harness.db.StoreHttp.Answer;
import io.faultline.workloads.generator.Invocation;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A client of the bundled store's HTTP API for the register workloads ({@code read}, {@code write}, {@code cas},
 * with an optional {@code key}), the set workload ({@code add}, {@code read} of the whole set), the counter
 * ({@code add} of a delta, {@code read}) and list-append ({@code txn}). It talks to its own node and follows a
 * {@code not-leader} answer to the leader it names, once. Outcomes follow the store's {@code definite} flag:
 * definite errors are {@code fail}, others {@code info}; a refused connection is {@code fail} (nothing was sent); a
 * timeout or a broken connection is {@code info}. A cas that definitely did not happen for another reason than a
 * mismatch is recorded as {@code info}: to the checker a failed cas means "the register did not hold from".
 *
 * <p>With sessions (the store's {@code read-mode=sequential}) the client keeps a session token, the highest
 * {@code "index"} any reply gave it, sends it as {@code ?min-index=} on every read, and reads only at its own node,
 * never following a not-leader answer: its node then serves it a state at least as new as anything it saw, so it
 * sees its own writes and never goes back in time. Writes follow the leader as without sessions.
 */
final class StoreClient implements Client {

    private final StoreHttp http;
    private final String node;
    private final Family family;
    private final boolean sessions;
    private long token;

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

    StoreClient(ClusterView cluster, String node, Family family) {
        this(cluster, node, family, false);
    }

    /** @param sessions whether to keep a session token and read only at {@code node} (see above) */
    StoreClient(ClusterView cluster, String node, Family family, boolean sessions) {
        this.http = new StoreHttp(cluster);
        this.node = node;
        this.family = family;
        this.sessions = sessions;
    }

    /** The session token: the highest log index the store's replies named (0 before any, or without sessions). */
    long token() {
        return token;
    }

    @Override
    public Completion invoke(Invocation op) throws InterruptedException {
        boolean homeOnly = sessions && op.f().equals("read");
        Answer answer = homeOnly ? http.once(node, uri -> request(uri, op)) : http.call(node, uri -> request(uri, op));
        if (sessions) {
            remember(answer);
        }
        return switch (answer) {
            case Answer.Ok ok -> Completion.ok(result(op, ok.body()));
            case Answer.Unknown u -> Completion.info(u.why());
            case Answer.NotSent n -> definitelyNotDone(op, n.why());
            case Answer.Refusal r when !r.definite() -> Completion.info(r.error());
            case Answer.Refusal r when r.error().equals("cas-mismatch") -> Completion.fail(r.error());
            case Answer.Refusal r -> definitelyNotDone(op, r.error());
        };
    }

    /** Raises the token to the index of a reply that has one (a success, or a cas mismatch applied in the log). */
    private void remember(Answer answer) {
        JsonNode body = switch (answer) {
            case Answer.Ok ok -> ok.body();
            case Answer.Refusal r -> r.body();
            default -> null;
        };
        if (body != null && body.path("index").isIntegralNumber()) {
            token = Math.max(token, body.path("index").asLong());
        }
    }

    private HttpRequest.Builder request(Function<String, URI> uri, Invocation op) {
        String key = op.extra().containsKey("key") ? "k" + op.extra().get("key") : "r";
        return switch (op.f()) {
            case "read" -> HttpRequest.newBuilder(uri.apply(readPath(key))).GET();
            case "write" -> StoreHttp.json(uri.apply("/kv/" + key), "PUT", field("value", op.value()));
            case "cas" -> {
                if (!(op.value() instanceof List<?> pair) || pair.size() != 2) {
                    throw new IllegalArgumentException("cas needs a value [from to], not " + op.value());
                }
                ObjectNode body = field("from", pair.get(0));
                body.set("to", JSON.valueToTree(pair.get(1)));
                yield StoreHttp.json(uri.apply("/kv/" + key + "/cas"), "POST", body);
            }
            case "txn" -> StoreHttp.json(uri.apply("/txn"), "POST", txnBody(op.value()));
            case "add" ->
                family == Family.COUNTER
                        ? StoreHttp.json(uri.apply("/counter/c"), "POST", field("delta", op.value()))
                        : StoreHttp.json(uri.apply("/set/s"), "POST", field("element", op.value()));
            default -> throw new IllegalArgumentException("the store client has no op '" + op.f() + "'");
        };
    }

    private @Nullable Object result(Invocation op, JsonNode body) {
        if (op.f().equals("txn")) {
            return txnResult(op.value(), body.get("ops"));
        }
        if (!op.f().equals("read")) {
            return op.value();
        }
        return family == Family.SET ? elements(body.get("elements")) : StoreHttp.plain(body.get("value"));
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
        String path = switch (family) {
            case SET -> "/set/s";
            case COUNTER -> "/counter/c";
            case REGISTERS, TXN -> "/kv/" + key;
        };
        return sessions ? path + "?min-index=" + token : path;
    }

    /** {@code [[append k v] [r k nil]]} as the store's {@code {"ops": [["append","l1",v],["r","l1",null]]}}. */
    private static ObjectNode txnBody(@Nullable Object value) {
        if (!(value instanceof List<?> micros)) {
            throw new IllegalArgumentException("a txn needs a list of micro-ops, not " + value);
        }
        ArrayNode ops = JSON.createArrayNode();
        for (Object m : micros) {
            List<?> micro = (List<?>) m;
            ArrayNode op = ops.addArray();
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
            result.add(Arrays.asList(micro.get(0), micro.get(1), value));
        }
        return result;
    }

    private static ObjectNode field(String name, @Nullable Object value) {
        ObjectNode body = JSON.createObjectNode();
        body.set(name, JSON.valueToTree(value));
        return body;
    }

    private static List<Object> elements(@Nullable JsonNode elements) {
        List<Object> out = new ArrayList<>();
        if (elements != null) {
            elements.forEach(e -> out.add(StoreHttp.plain(e)));
        }
        return out;
    }

    @Override
    public void close() {
        http.close();
    }
}
