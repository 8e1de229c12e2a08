package io.faultline.suites.etcd;

import static io.faultline.suites.etcd.EtcdGateway.JSON;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Db;
import io.faultline.api.DbOptions;
import io.faultline.api.HostPort;
import io.faultline.api.NodeSetup;
import io.faultline.suites.etcd.EtcdGateway.Reply;
import io.faultline.workloads.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * etcd as a Faultline database ({@code --db etcd}). Settings ({@code --db-opt}): {@code reads=linearizable} (the
 * default: a read goes through the leader's read index) or {@code reads=serializable} (a member answers from its own
 * state, which etcd documents may be stale: under a partition the checker catches it). Workloads: {@code register}
 * and {@code cas-register} (one key or several), {@code set}, and {@code list-append} through guarded etcd transactions.
 */
public final class EtcdDb implements Db, Db.ServiceCheck {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);
    private static final Set<String> WORKLOADS = Set.of("register", "cas-register", "set", "list-append");

    private final boolean serializableReads;

    EtcdDb(boolean serializableReads) {
        this.serializableReads = serializableReads;
    }

    @Override
    public String name() {
        return "etcd";
    }

    @Override
    public NodeSetup nodes() {
        return NodeSetup.program(new EtcdNode());
    }

    @Override
    public Client openClient(ClusterView cluster, int worker, Workload workload) {
        if (!WORKLOADS.contains(workload.name())) {
            throw new IllegalArgumentException(
                    "the etcd suite runs the workloads " + WORKLOADS + ", not " + workload.name());
        }
        List<String> nodes = cluster.nodes();
        String node = nodes.get(worker % nodes.size());
        return workload.name().equals("list-append")
                ? new EtcdTxnClient(cluster, node, serializableReads, CALL_TIMEOUT)
                : new EtcdClient(
                        cluster, node, serializableReads, workload.name().equals("set"), CALL_TIMEOUT);
    }

    /**
     * A serializable range: a member answers it from its own state, with no leader and no quorum, so it tells a
     * killed or paused member (no answer) from a cut-off one (still answers).
     */
    @Override
    public boolean answers(HostPort client, Duration within) {
        try (EtcdGateway gateway = new EtcdGateway(within)) {
            var range =
                    JSON.createObjectNode().put("key", EtcdGateway.base64("r")).put("serializable", true);
            return gateway.call(client, "/v3/kv/range", range) instanceof Reply.Answer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Makes {@link EtcdDb}s; registered in {@code META-INF/services}. */
    public static final class Provider implements Db.DbProvider {

        @Override
        public String name() {
            return "etcd";
        }

        @Override
        public Db create(List<String> bugs) {
            return create(bugs, Map.of());
        }

        @Override
        public Db create(List<String> bugs, Map<String, String> options) {
            DbOptions.refuseBugs("etcd", bugs, "its read mode is --db-opt reads=serializable");
            String reads = DbOptions.of("etcd", options, "reads")
                    .choice("reads", "linearizable", "linearizable", "serializable");
            return new EtcdDb(reads.equals("serializable"));
        }
    }
}
