package io.faultline.harness.cli;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.cli.DurationConverter;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.run.RunResult;
import io.faultline.harness.run.TestRunner;
import io.faultline.harness.run.TestSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline test}: one or more runs of a workload under a nemesis against the bundled store. */
@Command(
        name = "test",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run a test against the bundled store and check it (the demo, with no options).",
            "",
            "Starts a cluster (containers when a Docker engine answers, else local processes), drives the workload"
                    + " while the nemesis injects faults, journals the history to STORE/<name>/<time>/history.jsonl,"
                    + " checks it, and prints the verdict and the run directory."
        })
final class TestCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = "--workload",
            defaultValue = "register",
            description = "register, cas-register, multi-register (default ${DEFAULT-VALUE}).")
    String workload;

    @Option(
            names = "--nemesis",
            defaultValue = "partition",
            description =
                    "none, partition, partition-one, partition-ring, partition-bridge, kill, kill-majority, kill-all, pause (default ${DEFAULT-VALUE}).")
    String nemesis;

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

    @Option(names = "--seed", description = "Seed of every random choice (default: random, printed).")
    Long seed;

    @Option(
            names = "--bug",
            split = ",",
            description =
                    "Known-wrong modes of the store: stale-reads, no-fsync, ack-before-commit, split-brain, lease-no-clock-bound.")
    List<String> bugs = new ArrayList<>();

    @Option(
            names = "--test-count",
            defaultValue = "1",
            description = "Runs, each with the next seed (default ${DEFAULT-VALUE}).")
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
            names = "--db",
            defaultValue = "faultline-store",
            description = "faultline-store, or in-memory (no cluster; tests the harness) (default ${DEFAULT-VALUE}).")
    String db;

    @Option(names = "--name", description = "Test name, the folder under the store (default: WORKLOAD-NEMESIS).")
    String name;

    @Option(
            names = "--store",
            defaultValue = "store",
            description = "Where run directories go (default ./${DEFAULT-VALUE}).")
    Path store;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (testCount < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--test-count must be at least 1");
        }
        long firstSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2);
        TestSpec base = new TestSpec(
                name != null ? name : workload + "-" + nemesis,
                db,
                workload,
                nemesis,
                runtime == null ? null : ClusterRuntime.parse(runtime),
                nodes,
                concurrency != null ? concurrency : 2 * nodes,
                rate,
                timeLimit,
                firstSeed,
                bugs,
                opTimeout,
                faultInterval,
                recovery,
                keys,
                store);
        Verdict merged = Verdict.VALID;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < testCount; i++) {
            RunResult result = new TestRunner(out).run(base.withSeed(firstSeed + i));
            merged = merged.merge(result.verdict());
            lines.add(String.format(
                    "seed %d: %s  %s", firstSeed + i, result.verdict().label(), result.directory()));
        }
        if (testCount > 1) {
            out.println();
            lines.forEach(out::println);
        }
        out.println("verdict: " + merged.label());
        return merged.exitCode();
    }
}
