package io.faultline.suites.etcd;

import static io.faultline.suites.etcd.EtcdGateway.JSON;
import static io.faultline.suites.etcd.EtcdGateway.base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.suites.etcd.EtcdGateway.Reply;
import io.faultline.workloads.generator.Invocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Elle's list-append transactions on etcd, the way an etcd user writes a read-modify-write: read every key the
 * transaction touches (with its version), work out the reads and the new lists, then commit them in one etcd
 * transaction guarded by "every key still has the version I read". etcd applies the guarded transaction atomically
 * through its Raft log, so a stale first read (a serializable one, say) only makes the guard fail.
 *
 * <p>Outcomes: a failed guard is {@code fail} (etcd applied nothing); an error or silence on the commit is
 * {@code info}; anything going wrong before the commit is sent is {@code fail}. Lists are stored as comma-separated
 * decimal text under {@code l<key>}.
 */
final class EtcdTxnClient implements Client {

    private final EtcdGateway gateway;
    private final ClusterView cluster;
    private final String node;
    private final boolean serializableReads;

    EtcdTxnClient(ClusterView cluster, String node, boolean serializableReads, Duration timeout) {
        this.gateway = new EtcdGateway(timeout);
        this.cluster = cluster;
        this.node = node;
        this.serializableReads = serializableReads;
    }

    /** One key as first read: its list and its version (0 for a key that does not exist). */
    private record Seen(List<Long> list, long version) {}

    @Override
    public Completion invoke(Invocation op) throws InterruptedException {
        if (!op.f().equals("txn") || !(op.value() instanceof List<?> micros)) {
            throw new IllegalArgumentException("the etcd txn client runs list-append txns, not " + op.f());
        }
        Map<Long, Seen> seen = new LinkedHashMap<>();
        for (Object key : new TreeSet<>(keys(micros))) {
            ObjectNode range =
                    JSON.createObjectNode().put("key", base64("l" + key)).put("serializable", serializableReads);
            switch (gateway.call(cluster.clientAddress(node), "/v3/kv/range", range)) {
                case Reply.Answer a -> seen.put((Long) key, seen(a.body().path("kvs")));
                case Reply.Error e -> {
                    return Completion.fail("not committed: a first read failed: " + e.message());
                }
                case Reply.NotSent n -> {
                    return Completion.fail("not committed: " + n.why());
                }
                case Reply.Unknown u -> {
                    return Completion.fail("not committed: a first read went unanswered: " + u.why());
                }
            }
        }
        Map<Long, List<Long>> lists = new LinkedHashMap<>();
        seen.forEach((k, s) -> lists.put(k, new ArrayList<>(s.list())));
        List<Object> completed = new ArrayList<>();
        boolean writes = false;
        for (Object m : micros) {
            List<?> micro = (List<?>) m;
            long key = ((Number) micro.get(1)).longValue();
            if ("append".equals(micro.get(0))) {
                lists.get(key).add(((Number) micro.get(2)).longValue());
                completed.add(micro);
                writes = true;
            } else {
                completed.add(Arrays.asList("r", micro.get(1), List.copyOf(lists.get(key))));
            }
        }
        ObjectNode txn = JSON.createObjectNode();
        ArrayNode compare = txn.putArray("compare");
        seen.forEach((key, s) -> compare.addObject()
                .put("key", base64("l" + key))
                .put("target", "VERSION")
                .put("result", "EQUAL")
                .put("version", s.version()));
        ArrayNode success = txn.putArray("success");
        if (writes) {
            lists.forEach((key, list) -> {
                if (list.size() != seen.get(key).list().size()) {
                    success.addObject()
                            .putObject("request_put")
                            .put("key", base64("l" + key))
                            .put("value", base64(csv(list)));
                }
            });
        }
        return switch (gateway.call(cluster.clientAddress(node), "/v3/kv/txn", txn)) {
            case Reply.Answer a ->
                a.body().path("succeeded").asBoolean(false)
                        ? Completion.ok(completed)
                        : Completion.fail("not committed: a key changed since it was read");
            case Reply.NotSent n -> Completion.fail("not committed: " + n.why());
            case Reply.Error e -> Completion.info(e.message());
            case Reply.Unknown u -> Completion.info(u.why());
        };
    }

    private static List<Object> keys(List<?> micros) {
        List<Object> keys = new ArrayList<>();
        for (Object m : micros) {
            keys.add(((Number) ((List<?>) m).get(1)).longValue());
        }
        return keys;
    }

    private static Seen seen(JsonNode kvs) {
        if (!kvs.isArray() || kvs.isEmpty()) {
            return new Seen(List.of(), 0);
        }
        JsonNode kv = kvs.get(0);
        String text = EtcdGateway.text(kv.get("value"));
        List<Long> list = new ArrayList<>();
        if (text != null) {
            for (String part : text.split(",")) {
                if (!part.isEmpty()) {
                    list.add(Long.valueOf(part));
                }
            }
        }
        return new Seen(list, kv.path("version").asLong(0));
    }

    private static String csv(List<Long> list) {
        StringBuilder text = new StringBuilder();
        for (Long v : list) {
            if (!text.isEmpty()) {
                text.append(',');
            }
            text.append(v);
        }
        return text.toString();
    }

    @Override
    public void close() {
        gateway.close();
    }
}
