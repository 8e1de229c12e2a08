package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.history.Operation;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.workloads.Consistency;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Raft store with {@code read-mode=sequential} (reads at the client's own node, at least at its session's
 * index) under partitions at the proxies between local processes: every run is sequentially consistent, and a
 * follower cut off from the leader serves stale reads, so linearizability fails in at least one of a few seeds.
 */
class SequentialReadsIT {

    @TempDir
    Path store;

    private final PrintWriter out = new PrintWriter(System.out, true);

    private TestSpec spec(long seed) {
        return TestSpec.demo(store, seed)
                .withName("register-sequential-link-partition")
                .with("register", "link-partition", List.of())
                .withDbOptions(Map.of("read-mode", "sequential"))
                .withLoad("faultline-store", 3, 6, 30)
                .withRuntime(ClusterRuntime.PROCESSES)
                .withValues(1000) // a stale read then cannot pass for a read of a value written again
                .withTiming(Duration.ofSeconds(15), Duration.ofSeconds(5), Duration.ofSeconds(3));
    }

    @Test
    void sequential_reads_under_partitions_are_sequentially_consistent_in_every_run_and_not_linearizable_in_one()
            throws Exception {
        List<String> outcomes = new ArrayList<>();
        boolean staleCaught = false;
        for (long seed = 1; seed <= 3 && !staleCaught; seed++) {
            RunResult run = new TestRunner(out).run(spec(seed));
            ConsistencyVerdicts verdicts = run.consistency().orElseThrow();
            Verdict linearizable = verdicts.verdict(Consistency.LINEARIZABLE).orElseThrow();
            outcomes.add("seed " + seed + ": sequential " + run.verdict().label() + ", linearizable "
                    + linearizable.label() + ", " + staleReads(run.directory()) + " certainly stale reads, "
                    + run.directory());

            assertThat(verdicts.verdicts().get(0).model()).isEqualTo(Consistency.SEQUENTIAL);
            assertThat(run.verdict())
                    .as("the run's (sequential) verdict, %s:\n%s", run.result().summary(), String.join("\n", outcomes))
                    .isEqualTo(Verdict.VALID);
            staleCaught = linearizable == Verdict.INVALID;
        }
        out.println(String.join("\n", outcomes));
        assertThat(staleCaught)
                .as("a run invalid for linearizability among:\n%s", String.join("\n", outcomes))
                .isTrue();
    }

    /**
     * Ok reads that returned a value older than one whose write had completed before they began: some ok write
     * of another value began after every write of the value read had completed, and completed before the read.
     */
    private static long staleReads(Path run) {
        List<Operation> ops = Histories.load(run.resolve("history.jsonl"), null, false)
                .history()
                .operations();
        List<Operation> writes = ops.stream()
                .filter(o -> o.f().equals("write") && o.outcome() == Operation.Outcome.OK)
                .toList();
        List<Operation> allWrites =
                ops.stream().filter(o -> o.f().equals("write")).toList();
        return ops.stream()
                .filter(o -> o.f().equals("read") && o.outcome() == Operation.Outcome.OK)
                .filter(read -> {
                    long since = allWrites.stream()
                            .filter(w -> Objects.equals(w.input(), read.output()))
                            .mapToLong(Operation::ret)
                            .max()
                            .orElse(-1);
                    return since != Long.MAX_VALUE
                            && writes.stream()
                                    .anyMatch(w -> !Objects.equals(w.input(), read.output())
                                            && w.call() > since
                                            && w.ret() < read.call());
                })
                .count();
    }
}
