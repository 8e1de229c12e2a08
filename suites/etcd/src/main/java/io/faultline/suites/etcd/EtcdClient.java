package io.faultline.suites.etcd;

import static io.faultline.suites.etcd.EtcdGateway.JSON;
import static io.faultline.suites.etcd.EtcdGateway.base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.suites.etcd.EtcdGateway.Reply;
import io.faultline.workloads.generator.Invocation;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The register, cas-register and set workloads on etcd: {@code read} is a range of one key (linearizable, or
 * serializable: answered from the member's own state without asking the leader), {@code write} a put, and
 * {@code cas [from to]} a transaction that compares the value and puts only when it matches. Values are written as
 * decimal text; the set's elements are keys {@code s/<element>}.
 *
 * <p>Outcomes: a refused connection is {@code fail} (nothing was sent). A read that ends in an error or silence is
 * {@code fail} too: a read changes nothing, so not knowing its answer costs the checker nothing. A write or cas that
 * ends in an error or silence is {@code info}: etcd may have committed it (a "request timed out" or "leader changed"
 * from etcd means exactly that). A cas whose compare failed is {@code fail}: etcd applied nothing.
 */
final class EtcdClient implements Client {

    private final EtcdGateway gateway;
    private final ClusterView cluster;
    private final String node;
    private final boolean serializableReads;
    private final boolean set;

    /** @param set whether the ops are the set workload's ({@code add}, and {@code read} of the whole set) */
    EtcdClient(ClusterView cluster, String node, boolean serializableReads, boolean set, Duration timeout) {
        this.gateway = new EtcdGateway(timeout);
        this.cluster = cluster;
        this.node = node;
        this.serializableReads = serializableReads;
        this.set = set;
    }

    @Override
    public Completion invoke(Invocation op) throws InterruptedException {
        if (set) {
            return switch (op.f()) {
                case "add" -> write("s/" + op.value(), op.value());
                case "read" -> readSet();
                default -> throw new IllegalArgumentException("the etcd set client has add and read, not " + op.f());
            };
        }
        String key = op.extra().containsKey("key") ? "k" + op.extra().get("key") : "r";
        return switch (op.f()) {
            case "read" -> read(key);
            case "write" -> write(key, op.value());
            case "cas" -> cas(key, op.value());
            default -> throw new IllegalArgumentException("the etcd client has read, write and cas, not " + op.f());
        };
    }

    private Completion read(String key) throws InterruptedException {
        ObjectNode range = JSON.createObjectNode().put("key", base64(key)).put("serializable", serializableReads);
        return switch (gateway.call(cluster.clientAddress(node), "/v3/kv/range", range)) {
            case Reply.Answer a -> Completion.ok(value(a.body().path("kvs")));
            case Reply.Error e -> Completion.fail(e.message());
            case Reply.NotSent n -> Completion.fail(n.why());
            case Reply.Unknown u -> Completion.fail("a read that went unanswered changed nothing: " + u.why());
        };
    }

    /** Every element: a range over the keys {@code s/...} (the range end is the prefix with its last byte + 1). */
    private Completion readSet() throws InterruptedException {
        ObjectNode range = JSON.createObjectNode()
                .put("key", base64("s/"))
                .put("range_end", base64("s0"))
                .put("serializable", serializableReads);
        return switch (gateway.call(cluster.clientAddress(node), "/v3/kv/range", range)) {
            case Reply.Answer a -> {
                List<Long> elements = new java.util.ArrayList<>();
                a.body().path("kvs").forEach(kv -> elements.add(Long.valueOf(EtcdGateway.text(kv.get("value")))));
                java.util.Collections.sort(elements);
                yield Completion.ok(elements);
            }
            case Reply.Error e -> Completion.fail(e.message());
            case Reply.NotSent n -> Completion.fail(n.why());
            case Reply.Unknown u -> Completion.fail("a read that went unanswered changed nothing: " + u.why());
        };
    }

    private Completion write(String key, @Nullable Object value) throws InterruptedException {
        ObjectNode put = JSON.createObjectNode().put("key", base64(key)).put("value", base64(String.valueOf(value)));
        return switch (gateway.call(cluster.clientAddress(node), "/v3/kv/put", put)) {
            case Reply.Answer a -> Completion.ok(value);
            case Reply.NotSent n -> Completion.fail(n.why());
            case Reply.Error e -> Completion.info(e.message());
            case Reply.Unknown u -> Completion.info(u.why());
        };
    }

    private Completion cas(String key, @Nullable Object value) throws InterruptedException {
        if (!(value instanceof List<?> pair) || pair.size() != 2) {
            throw new IllegalArgumentException("cas needs a value [from to], not " + value);
        }
        ObjectNode txn = JSON.createObjectNode();
        txn.putArray("compare")
                .addObject()
                .put("key", base64(key))
                .put("target", "VALUE")
                .put("result", "EQUAL")
                .put("value", base64(String.valueOf(pair.get(0))));
        txn.putArray("success")
                .addObject()
                .putObject("request_put")
                .put("key", base64(key))
                .put("value", base64(String.valueOf(pair.get(1))));
        return switch (gateway.call(cluster.clientAddress(node), "/v3/kv/txn", txn)) {
            case Reply.Answer a ->
                a.body().path("succeeded").asBoolean(false)
                        ? Completion.ok(value)
                        : Completion.fail("the register did not hold " + pair.get(0));
            case Reply.NotSent n ->
                Completion.info(n.why() + " (a cas that did not happen for another reason than a mismatch)");
            case Reply.Error e -> Completion.info(e.message());
            case Reply.Unknown u -> Completion.info(u.why());
        };
    }

    /** The value of the single key in a range answer, or null when the key does not exist yet. */
    static @Nullable Long value(JsonNode kvs) {
        if (!kvs.isArray() || kvs.isEmpty()) {
            return null;
        }
        String text = EtcdGateway.text(kvs.get(0).get("value"));
        return text == null || text.isEmpty() ? null : Long.valueOf(text);
    }

    @Override
    public void close() {
        gateway.close();
    }
}
