package io.faultline.harness.db;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Db;
import io.faultline.api.HostPort;
import io.faultline.api.NodeSetup;
import io.faultline.workloads.Workload;
import io.faultline.workloads.bank.BankWorkload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The store Faultline ships ({@code system-under-test}): one node binary with several replication engines
 * ({@code --engine}, Raft by default), each with its known-wrong modes behind {@code --bug} and its read modes
 * behind {@code --db-opt read-mode=}. See docs/store.md and docs/engines.md.
 *
 * @param engine which algorithm the nodes run: a key of {@link #ENGINES}
 * @param readMode how the engine serves reads, one of the engine's {@link Engine#readModes()}, empty for its
 *     default
 */
public record BundledStore(String engine, List<String> bugs, String readMode)
        implements Db, Db.Primaries, Db.LogFiles, Db.ServiceCheck, Db.Preflight, Db.ConsistencyPromise {

    /** What one engine of the node is: the operations it serves, its known-wrong modes and read modes. */
    public record Engine(
            String name, String summary, Set<String> functions, List<String> bugs, List<String> readModes) {
        public Engine {
            functions = Set.copyOf(functions);
            bugs = List.copyOf(bugs);
            readModes = List.copyOf(readModes);
        }
    }

    /** The node's engines by name, as {@code --engine} and the node's own {@code --engine} flag spell them. */
    public static final Map<String, Engine> ENGINES = engines();

    /** The default engine's known-wrong modes (see docs/store.md). */
    public static final List<String> BUGS = ENGINES.get("raft").bugs();

    private static Map<String, Engine> engines() {
        Map<String, Engine> engines = new LinkedHashMap<>();
        engines.put(
                "raft",
                new Engine(
                        "raft",
                        "a Raft log: every operation, linearizable",
                        Set.of("read", "write", "cas", "txn", "add", "transfer"),
                        List.of("stale-reads", "no-fsync", "ack-before-commit", "split-brain", "lease-no-clock-bound"),
                        List.of("read-index", "lease", "sequential")));
        engines.put(
                "quorum",
                new Engine(
                        "quorum",
                        "leaderless ABD registers: read and write, linearizable with R+W>N and write-back",
                        Set.of("read", "write"),
                        List.of("no-write-back", "sloppy-r-w", "lww-wall-clock"),
                        List.of()));
        return java.util.Collections.unmodifiableMap(engines);
    }

    public BundledStore {
        Engine e = ENGINES.get(engine);
        if (e == null) {
            throw new IllegalArgumentException("--engine " + engine + " is not one of the store's engines: "
                    + String.join(", ", ENGINES.keySet()));
        }
        for (String bug : bugs) {
            if (!e.bugs().contains(bug)) {
                throw new IllegalArgumentException("--bug " + bug + " is not one of the " + engine
                        + " engine's known-wrong modes: "
                        + (e.bugs().isEmpty() ? "it has none" : String.join(", ", e.bugs())));
            }
        }
        if (!readMode.isEmpty() && !e.readModes().contains(readMode)) {
            throw new IllegalArgumentException(
                    "--db-opt read-mode=" + readMode + " is not a read mode of the " + engine + " engine: "
                            + (e.readModes().isEmpty() ? "it has only its own" : String.join(", ", e.readModes())));
        }
        bugs = List.copyOf(bugs);
    }

    /** The Raft store with these known-wrong modes. */
    public BundledStore(List<String> bugs) {
        this("raft", bugs, "");
    }

    /** The store from {@code --db-opt} settings: {@code engine} (what {@code --engine} sets) and {@code read-mode}. */
    public static BundledStore create(List<String> bugs, Map<String, String> options) {
        io.faultline.api.DbOptions o = io.faultline.api.DbOptions.of("faultline-store", options, "engine", "read-mode");
        String engine = o.choice("engine", "raft", ENGINES.keySet().toArray(String[]::new));
        return new BundledStore(engine, bugs, options.getOrDefault("read-mode", ""));
    }

    /** Refuses a workload whose operations the engine does not serve, naming the engine and the operations. */
    @Override
    public Optional<String> refusal(Workload workload, int nodes) {
        Engine e = ENGINES.get(engine);
        Set<String> missing = new java.util.TreeSet<>(workload.functions());
        missing.removeAll(e.functions());
        if (!missing.isEmpty()) {
            return Optional.of(
                    "the " + engine + " engine of faultline-store does not serve " + String.join(", ", missing)
                            + ", which the " + workload.name() + " workload needs (it serves "
                            + String.join(", ", new java.util.TreeSet<>(e.functions()))
                            + "); choose another workload or --engine");
        }
        return Optional.empty();
    }

    @Override
    public String name() {
        return "faultline-store";
    }

    /** Sequential consistency with {@code read-mode=sequential} (reads at the client's own node), else linearizable. */
    @Override
    public io.faultline.workloads.Consistency promises() {
        return sessions()
                ? io.faultline.workloads.Consistency.SEQUENTIAL
                : io.faultline.workloads.Consistency.LINEARIZABLE;
    }

    /** Whether clients keep a session with their node: its token, and reads only there (docs/store.md). */
    private boolean sessions() {
        return readMode.equals("sequential");
    }

    @Override
    public NodeSetup nodes() {
        return NodeSetup.bundled(nodeArgs());
    }

    /** The node's {@code --engine}, {@code --read-mode} and {@code --bug} switches. */
    List<String> nodeArgs() {
        List<String> args = new ArrayList<>();
        if (!engine.equals("raft")) {
            args.add("--engine");
            args.add(engine);
        }
        if (!readMode.isEmpty()) {
            args.add("--read-mode");
            args.add(readMode);
        }
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
        return new StoreClient(cluster, node, StoreClient.Family.of(workload.name()), sessions());
    }

    /** {@code GET /health}: answered by any live node, leader or not, and by none that is killed or paused. */
    @Override
    public boolean answers(HostPort client, java.time.Duration within) {
        return StoreHttp.answersHealth(client, within);
    }

    /**
     * What each node made durable and would recover from: Raft's log and latest snapshot, or another engine's
     * journal of replica state.
     */
    @Override
    public List<String> logFiles() {
        return engine.equals("raft") ? List.of("raft.journal", "snapshot") : List.of(engine + ".journal");
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
