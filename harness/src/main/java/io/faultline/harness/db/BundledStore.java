package io.faultline.harness.db;

import java.util.ArrayList;
import java.util.List;

/** The Raft store Faultline ships ({@code system-under-test}), with its known-wrong modes behind {@code --bug}. */
public record BundledStore(List<String> bugs) implements Db {

    /** The store's known-wrong modes (see docs/store.md). */
    public static final List<String> BUGS =
            List.of("stale-reads", "no-fsync", "ack-before-commit", "split-brain", "lease-no-clock-bound");

    public BundledStore {
        for (String bug : bugs) {
            if (!BUGS.contains(bug)) {
                throw new IllegalArgumentException(
                        "--bug " + bug + " is not one of the store's known-wrong modes: " + String.join(", ", BUGS));
            }
        }
        bugs = List.copyOf(bugs);
    }

    @Override
    public String name() {
        return "faultline-store";
    }

    @Override
    public List<String> nodeArgs() {
        List<String> args = new ArrayList<>();
        if (!bugs.isEmpty()) {
            args.add("--bug");
            args.add(String.join(",", bugs));
        }
        return args;
    }

    @Override
    public Client openClient(ClusterView cluster, int worker, String workload) {
        List<String> nodes = cluster.nodes();
        return new StoreClient(cluster, nodes.get(worker % nodes.size()), StoreClient.Family.of(workload));
    }
}
