package io.faultline.harness.cli;

import io.faultline.checkers.cli.DurationConverter;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.ProxyImage;
import io.faultline.harness.monitoring.GrafanaMonitor;
import io.faultline.harness.monitoring.Monitor;
import io.faultline.harness.run.TestSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Option;

/** The options {@code test} and {@code test-all} share: cluster, load, timing, seed, store. */
final class RunOptions {

    @Option(
            names = "--time-limit",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "How long load and faults run (default ${DEFAULT-VALUE}).")
    Duration timeLimit;

    @Option(names = "--nodes", defaultValue = "5", description = "Cluster size (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(
            names = "--runtime",
            description =
                    "containers (docker) or processes (process); default: containers when a Docker engine answers.")
    String runtime;

    @Option(names = "--concurrency", description = "Client workers (default: twice the nodes).")
    Integer concurrency;

    @Option(
            names = "--rate",
            defaultValue = "100",
            description = "Client ops per second, all workers together (default ${DEFAULT-VALUE}).")
    double rate;

    @Option(
            names = "--seed",
            description = "Seed of every random choice (default: random, printed); run i uses seed + i.")
    Long seed;

    @Option(
            names = "--bug",
            split = ",",
            completionCandidates = HelpLists.Bugs.class,
            description = "Known-wrong modes of the store, comma-separated: ${COMPLETION-CANDIDATES}.")
    List<String> bugs = new ArrayList<>();

    @Option(
            names = "--engine",
            completionCandidates = HelpLists.Engines.class,
            description = "The algorithm faultline-store's nodes run: ${COMPLETION-CANDIDATES} (default raft; the"
                    + " same as --db-opt engine=NAME). docs/engines.md says what each guarantees and its bugs.")
    String engine;

    @Option(
            names = "--db-opt",
            paramLabel = "KEY=VALUE",
            description = "A setting for the database (a plugin's own, e.g. --db-opt read-consistency=serializable);"
                    + " repeatable. A database that takes none refuses it.")
    java.util.Map<String, String> dbOptions = new java.util.LinkedHashMap<>();

    @Option(
            names = "--test-count",
            defaultValue = "1",
            description = "Runs (per cell for test-all), each with the next seed (default ${DEFAULT-VALUE}).")
    int testCount;

    @Option(
            names = "--fault-interval",
            defaultValue = "10s",
            converter = DurationConverter.class,
            description = "How long each fault lasts and the pause between faults (default ${DEFAULT-VALUE}).")
    Duration faultInterval;

    @Option(
            names = "--recovery",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "Quiet time after the final heal (default ${DEFAULT-VALUE}).")
    Duration recovery;

    @Option(
            names = "--op-timeout",
            defaultValue = "5s",
            converter = DurationConverter.class,
            description = "An op taking longer is recorded as info (default ${DEFAULT-VALUE}).")
    Duration opTimeout;

    @Option(
            names = "--keys",
            defaultValue = "8",
            description = "Keys of multi-key workloads (default ${DEFAULT-VALUE}).")
    int keys;

    @Option(
            names = "--values",
            defaultValue = "5",
            description = "Distinct values register workloads write (default ${DEFAULT-VALUE}).")
    int values;

    @Option(
            names = "--db",
            defaultValue = "faultline-store",
            description = "faultline-store, or in-memory (no cluster; tests the harness) (default ${DEFAULT-VALUE}).")
    String db;

    @Option(
            names = "--metrics-port",
            description = "Serve the run's live Prometheus metrics at http://127.0.0.1:PORT/metrics (0: any free"
                    + " port; off by default).")
    Integer metricsPort;

    /** Where to serve live metrics, or null for none. */
    java.net.@org.jspecify.annotations.Nullable InetSocketAddress metrics() {
        return metricsPort == null ? null : new java.net.InetSocketAddress("127.0.0.1", metricsPort);
    }

    @Option(
            names = "--plugin-path",
            split = ":",
            paramLabel = "JAR_OR_DIR",
            description = "Plugin jars, or folders of them, whose databases, workloads and fault packages"
                    + " (META-INF/services) --db, --workload and --nemesis may name; ':'-separated or repeated"
                    + " (default: $FAULTLINE_PLUGIN_PATH).")
    List<Path> pluginPath = new ArrayList<>();

    @Option(
            names = "--store",
            defaultValue = "store",
            description = "Where run directories go (default ./${DEFAULT-VALUE}).")
    Path store;

    @Option(
            names = "--toxiproxy-image",
            paramLabel = "IMAGE",
            description = "Run the link proxy (link-* nemeses, containers runtime) from this Toxiproxy image, e.g."
                    + " ghcr.io/shopify/toxiproxy:2.12.0, instead of Faultline's own proxy; pulled if missing.")
    String toxiproxyImage;

    @Option(
            names = "--grafana",
            description = "Run Prometheus (scraping the harness and every node) and Grafana with a run dashboard as"
                    + " containers on 127.0.0.1 while the load runs, and print their URLs; implies live metrics."
                    + " Parts that cannot run are reported and the run goes on.")
    boolean grafana;

    @Option(
            names = "--grafana-image",
            defaultValue = GrafanaMonitor.DEFAULT_GRAFANA_IMAGE,
            description = "Grafana's image for --grafana, used when the engine has it or can pull it (default"
                    + " ${DEFAULT-VALUE}).")
    String grafanaImage;

    private @org.jspecify.annotations.Nullable Monitor monitor;

    /** What watches the runs: {@link GrafanaMonitor} (one for all runs of a command) with --grafana, else none. */
    Monitor monitor() {
        if (!grafana) {
            return Monitor.NONE;
        }
        if (monitor == null) {
            monitor = new GrafanaMonitor(grafanaImage);
        }
        return monitor;
    }

    long firstSeed() {
        if (seed == null) {
            seed = ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        }
        return seed;
    }

    /** The runtime asked for, or the one a test would choose (containers when a Docker engine answers). */
    ClusterRuntime runtime() {
        return runtime != null ? ClusterRuntime.parse(runtime) : ClusterRuntime.choose();
    }

    /**
     * The folder a run goes in when {@code --name} is not given: {@code WORKLOAD-NEMESIS}, and {@code _BUG} for each
     * {@code --bug}, so that runs of a deliberately wrong store are never filed with runs of the correct one.
     */
    String defaultName(String workload, String nemesis) {
        StringBuilder name = new StringBuilder();
        if (engine != null && !engine.equals("raft")) {
            name.append(engine).append('-');
        }
        name.append(workload).append('-').append(nemesis);
        bugs.forEach(bug -> name.append('_').append(bug));
        return name.toString();
    }

    /** {@code --db-opt} with {@code --engine} folded in: one place says which engine runs. */
    java.util.Map<String, String> dbOptionsWithEngine() {
        if (engine == null) {
            return dbOptions;
        }
        if (!db.equals("faultline-store")) {
            throw new IllegalArgumentException(
                    "--engine chooses the algorithm of --db faultline-store; the db " + db + " has no engines");
        }
        String given = dbOptions.get("engine");
        if (given != null && !given.equals(engine)) {
            throw new IllegalArgumentException(
                    "--engine " + engine + " and --db-opt engine=" + given + " disagree: give one of them");
        }
        java.util.Map<String, String> options = new java.util.LinkedHashMap<>(dbOptions);
        options.put("engine", engine);
        return options;
    }

    TestSpec spec(String name, String workload, String nemesis) {
        PluginPath.install(pluginPath);
        if (testCount < 1) {
            throw new IllegalArgumentException("--test-count must be at least 1, not " + testCount);
        }
        return new TestSpec(
                name,
                db,
                workload,
                nemesis,
                runtime == null ? null : ClusterRuntime.parse(runtime),
                nodes,
                concurrency != null ? concurrency : 2 * nodes,
                rate,
                timeLimit,
                firstSeed(),
                bugs,
                dbOptionsWithEngine(),
                opTimeout,
                faultInterval,
                recovery,
                keys,
                values,
                store,
                ProxyImage.of(toxiproxyImage));
    }
}
