package io.faultline.harness.db;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Db;
import io.faultline.api.HostPort;
import io.faultline.api.NodeSetup;
import io.faultline.workloads.Workload;
import io.faultline.workloads.bank.BankWorkload;
import java.util.ArrayList;
import java.util.List;

/** The Raft store Faultline ships ({@code system-under-test}), with its known-wrong modes behind {@code --bug}. */
public record BundledStore(List<String> bugs) implements Db, Db.Primaries, Db.LogFiles, Db.ServiceCheck {

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
    public NodeSetup nodes() {
        return NodeSetup.bundled(nodeArgs());
    }

    /** The node's {@code --bug} switches. */
    List<String> nodeArgs() {
        List<String> args = new ArrayList<>();
        if (!bugs.isEmpty()) {
            args.add("--bug");
            args.add(String.join(",", bugs));
        }
        return args;
    }

    @Override
    public Client openClient(ClusterView cluster, int worker, Workload workload) {
        List<String> nodes = cluster.nodes();
        String node = nodes.get(worker % nodes.size());
        if (workload instanceof BankWorkload bank) {
            return new BankClient(cluster, node, bank);
        }
        return new StoreClient(cluster, node, StoreClient.Family.of(workload.name()));
    }

    /** {@code GET /health}: answered by any live node, leader or not, and by none that is killed or paused. */
    @Override
    public boolean answers(HostPort client, java.time.Duration within) {
        return StoreHttp.answersHealth(client, within);
    }

    /** The Raft log as each node made it durable, and its latest snapshot: what a node would recover from. */
    @Override
    public List<String> logFiles() {
        return List.of("raft.journal", "snapshot");
    }

    /** The leader most nodes name in {@code GET /status}, if it says it is the leader itself. */
    @Override
    public List<String> primaries(ClusterView cluster) {
        java.util.Map<String, Integer> votes = new java.util.HashMap<>();
        java.util.Map<String, String> roles = new java.util.HashMap<>();
        try (java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                .connectTimeout(java.time.Duration.ofSeconds(1))
                .build()) {
            for (String node : cluster.nodes()) {
                try {
                    var response = http.send(
                            java.net.http.HttpRequest.newBuilder(
                                            cluster.clientAddress(node).http("/status"))
                                    .timeout(java.time.Duration.ofSeconds(2))
                                    .build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(response.body());
                    roles.put(node, status.path("role").asText(""));
                    if (status.path("leader").isTextual()) {
                        votes.merge(status.path("leader").asText(), 1, Integer::sum);
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    // a node that does not answer has no say
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return List.of();
                }
            }
        }
        return votes.entrySet().stream()
                .max(java.util.Map.Entry.comparingByValue())
                .map(java.util.Map.Entry::getKey)
                .filter(leader -> "leader".equals(roles.get(leader)))
                .map(List::of)
                .orElse(List.of());
    }
}
