package io.faultline.harness.run;

import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.ProxyImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Everything that defines a test run; written to {@code test.json} so the run can be understood and repeated.
 *
 * @param name the test's name (the store folder), e.g. {@code register-partition}
 * @param db {@code faultline-store} (the bundled store) or {@code in-memory} (no cluster; for harness tests)
 * @param workload a workload name, e.g. {@code register}
 * @param nemesis a fault package name, e.g. {@code partition}
 * @param runtime containers or processes; null to choose (containers when Docker answers)
 * @param nodes how many nodes
 * @param concurrency how many client workers
 * @param rate client ops per second, all workers together
 * @param timeLimit how long the workload and faults run
 * @param seed the seed of every random choice: op values and the fault schedule
 * @param bugs known-wrong modes of the bundled store to switch on
 * @param dbOptions settings for the database, {@code --db-opt key=value} (a plugin's own; refused by a db that
 *     takes none)
 * @param opTimeout how long an op may take before it is recorded as info
 * @param faultInterval how long each fault lasts, and the quiet time between faults
 * @param recovery quiet time after the final heal, before final reads
 * @param keys keys for multi-key workloads
 * @param values how many distinct values register workloads write (few values make reads and compares collide
 *     often; many make a stale read harder to explain away)
 * @param store where run directories go
 * @param proxyImage which server the containers runtime's link proxy runs ({@code --toxiproxy-image}); local
 *     processes refuse any but Faultline's own
 */
public record TestSpec(
        String name,
        String db,
        String workload,
        String nemesis,
        @Nullable ClusterRuntime runtime,
        int nodes,
        int concurrency,
        double rate,
        Duration timeLimit,
        long seed,
        List<String> bugs,
        Map<String, String> dbOptions,
        Duration opTimeout,
        Duration faultInterval,
        Duration recovery,
        int keys,
        int values,
        Path store,
        ProxyImage proxyImage) {

    public TestSpec {
        Objects.requireNonNull(name, "name");
        bugs = List.copyOf(bugs);
        dbOptions = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(dbOptions));
        Objects.requireNonNull(proxyImage, "proxyImage");
        if (nodes < 1) {
            throw new IllegalArgumentException("--nodes must be at least 1, not " + nodes);
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("--concurrency must be at least 1, not " + concurrency);
        }
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive, not " + rate);
        }
        if (timeLimit.isNegative() || timeLimit.isZero()) {
            throw new IllegalArgumentException("--time-limit must be positive, not " + timeLimit);
        }
    }

    /** The demo: the bundled store on 5 nodes, the register workload under partitions for 60 seconds. */
    public static TestSpec demo(Path store, long seed) {
        Builder b = new Builder();
        b.name = "register-partition";
        b.db = "faultline-store";
        b.workload = "register";
        b.nemesis = "partition";
        b.nodes = 5;
        b.concurrency = 10;
        b.rate = 100;
        b.timeLimit = Duration.ofSeconds(60);
        b.seed = seed;
        b.bugs = List.of();
        b.dbOptions = Map.of();
        b.opTimeout = Duration.ofSeconds(5);
        b.faultInterval = Duration.ofSeconds(10);
        b.recovery = Duration.ofSeconds(5);
        b.keys = 8;
        b.values = 5;
        b.store = store;
        b.proxyImage = new ProxyImage.Faultline();
        return b.build();
    }

    public TestSpec withName(String newName) {
        return edit(b -> b.name = newName);
    }

    public TestSpec with(String newWorkload, String newNemesis, List<String> newBugs) {
        return edit(b -> {
            b.workload = newWorkload;
            b.nemesis = newNemesis;
            b.bugs = newBugs;
        });
    }

    public TestSpec withTiming(Duration newTimeLimit, Duration newFaultInterval, Duration newRecovery) {
        return edit(b -> {
            b.timeLimit = newTimeLimit;
            b.faultInterval = newFaultInterval;
            b.recovery = newRecovery;
        });
    }

    /** The same test with {@code newValues} distinct values for register workloads. */
    public TestSpec withValues(int newValues) {
        return edit(b -> b.values = newValues);
    }

    public TestSpec withSeed(long newSeed) {
        return edit(b -> b.seed = newSeed);
    }

    public TestSpec withRuntime(@Nullable ClusterRuntime newRuntime) {
        return edit(b -> b.runtime = newRuntime);
    }

    public TestSpec withLoad(String newDb, int newNodes, int newConcurrency, double newRate) {
        return edit(b -> {
            b.db = newDb;
            b.nodes = newNodes;
            b.concurrency = newConcurrency;
            b.rate = newRate;
        });
    }

    /** The same test with these {@code --db-opt} settings for its db. */
    public TestSpec withDbOptions(Map<String, String> newDbOptions) {
        return edit(b -> b.dbOptions = newDbOptions);
    }

    /** The same test with its link proxy (on containers) running this server. */
    public TestSpec withProxyImage(ProxyImage newProxyImage) {
        return edit(b -> b.proxyImage = newProxyImage);
    }

    private TestSpec edit(java.util.function.Consumer<Builder> change) {
        Builder b = new Builder();
        b.name = name;
        b.db = db;
        b.workload = workload;
        b.nemesis = nemesis;
        b.runtime = runtime;
        b.nodes = nodes;
        b.concurrency = concurrency;
        b.rate = rate;
        b.timeLimit = timeLimit;
        b.seed = seed;
        b.bugs = bugs;
        b.dbOptions = dbOptions;
        b.opTimeout = opTimeout;
        b.faultInterval = faultInterval;
        b.recovery = recovery;
        b.keys = keys;
        b.values = values;
        b.store = store;
        b.proxyImage = proxyImage;
        change.accept(b);
        return b.build();
    }

    /** The fields of a spec being made; {@link #build()} validates them. */
    private static final class Builder {
        String name;
        String db;
        String workload;
        String nemesis;
        ClusterRuntime runtime;
        int nodes;
        int concurrency;
        double rate;
        Duration timeLimit;
        long seed;
        List<String> bugs;
        Map<String, String> dbOptions;
        Duration opTimeout;
        Duration faultInterval;
        Duration recovery;
        int keys;
        int values;
        Path store;
        ProxyImage proxyImage;

        TestSpec build() {
            return new TestSpec(
                    name,
                    db,
                    workload,
                    nemesis,
                    runtime,
                    nodes,
                    concurrency,
                    rate,
                    timeLimit,
                    seed,
                    bugs,
                    dbOptions,
                    opTimeout,
                    faultInterval,
                    recovery,
                    keys,
                    values,
                    store,
                    proxyImage);
        }
    }
}
