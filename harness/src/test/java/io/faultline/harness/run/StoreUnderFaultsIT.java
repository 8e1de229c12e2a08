package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.Verdict;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.docker.RequiresDocker;
import io.faultline.harness.junit.RunAssert;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled store on real containers under real faults: correct when it should be, caught when it is not. */
@RequiresDocker
class StoreUnderFaultsIT {

    @TempDir
    Path store;

    private final PrintWriter out = new PrintWriter(System.out, true);

    private TestSpec spec(String workload, String nemesis, List<String> bugs, Duration time, Duration interval) {
        return TestSpec.demo(store, 1)
                .withName(workload + "-" + nemesis)
                .with(workload, nemesis, bugs)
                .withRuntime(ClusterRuntime.CONTAINERS)
                .withTiming(time, interval, Duration.ofSeconds(3));
    }

    @Test
    void the_correct_store_keeps_a_register_linearizable_through_20_seconds_of_partitions() throws Exception {
        RunResult run = new TestRunner(out)
                .run(spec("register", "partition", List.of(), Duration.ofSeconds(20), Duration.ofSeconds(4)));

        RunAssert.assertThat(run).isValid();
        assertThat(run.result().parts())
                .extracting(p -> p.checker())
                .containsExactly("stats", "linearizable", "faults");
    }

    @Test
    void the_correct_store_keeps_every_key_of_a_multi_register_linearizable_through_partitions() throws Exception {
        RunResult run = new TestRunner(out)
                .run(spec(
                        "multi-register", "partition-ring", List.of(), Duration.ofSeconds(20), Duration.ofSeconds(4)));

        RunAssert.assertThat(run).isValid();
    }

    @Test
    void stale_reads_under_partitions_are_caught_for_at_least_9_of_10_seeds() throws Exception {
        List<String> outcomes = new ArrayList<>();
        int invalid = 0;
        for (long seed = 1; seed <= 10; seed++) {
            RunResult run = new TestRunner(out)
                    .run(spec(
                                    "register",
                                    "partition",
                                    List.of("stale-reads"),
                                    Duration.ofSeconds(10),
                                    Duration.ofSeconds(3))
                            .withSeed(seed));
            outcomes.add("seed " + seed + ": " + run.verdict().label() + " " + run.directory());
            if (run.verdict() == Verdict.INVALID) {
                invalid++;
                JsonNode failing = failingOp(run);
                assertThat(failing.path("f").asText())
                        .as("the failing op in results.json of %s", run.directory())
                        .isEqualTo("read");
            }
        }
        assertThat(invalid)
                .as("invalid runs among:\n%s", String.join("\n", outcomes))
                .isGreaterThanOrEqualTo(9);
    }

    @Test
    void without_fsync_killing_every_node_loses_acknowledged_adds_and_the_checker_names_them() throws Exception {
        RunResult run = new TestRunner(out)
                .run(spec("set", "kill-all", List.of("no-fsync"), Duration.ofSeconds(20), Duration.ofSeconds(4)));

        RunAssert.assertThat(run).isInvalid();
        assertThat(run.result().summary()).contains("acknowledged adds lost");
    }

    @Test
    void with_fsync_the_same_kills_lose_nothing() throws Exception {
        RunResult run = new TestRunner(out)
                .run(spec("set", "kill-all", List.of(), Duration.ofSeconds(20), Duration.ofSeconds(4)));

        RunAssert.assertThat(run).isValid();
    }

    @Test
    void split_brain_with_its_primary_cut_off_is_caught_for_at_least_2_of_3_seeds() throws Exception {
        List<String> outcomes = new ArrayList<>();
        int invalid = 0;
        for (long seed = 1; seed <= 3; seed++) {
            RunResult run = new TestRunner(out)
                    .run(spec(
                                    "register",
                                    "partition-primary",
                                    List.of("split-brain"),
                                    Duration.ofSeconds(15),
                                    Duration.ofSeconds(4))
                            .withSeed(seed));
            outcomes.add("seed " + seed + ": " + run.verdict().label() + " " + run.directory());
            if (run.verdict() == Verdict.INVALID) {
                invalid++;
            }
        }
        assertThat(invalid)
                .as("invalid runs among:\n%s", String.join("\n", outcomes))
                .isGreaterThanOrEqualTo(2);
    }

    /**
     * The lease mode without a clock bound, whose primary is cut off while its clock goes 10 s back, serves stale
     * reads. A register with 1,000 values, so that a stale read cannot be explained by a write whose fate is unknown;
     * measured: 2 of 3 seeds invalid, the third undecided (the search timed out), so the test stops at the first
     * invalid run of at most three.
     */
    @Test
    void a_lease_without_a_clock_bound_serves_stale_reads_when_its_primary_is_skewed_and_cut_off() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (long seed = 7; seed <= 9; seed++) {
            RunResult run = new TestRunner(out)
                    .run(spec(
                                    "register",
                                    "skew-isolate-primary",
                                    List.of("lease-no-clock-bound"),
                                    Duration.ofSeconds(30),
                                    Duration.ofSeconds(10))
                            .withValues(1000)
                            .withSeed(seed));
            outcomes.add("seed " + seed + ": " + run.verdict().label() + " " + run.directory());
            if (run.verdict() == Verdict.INVALID) {
                assertThat(failingOp(run).path("f").asText())
                        .as("the failing op of %s", run.directory())
                        .isEqualTo("read");
                return;
            }
        }
        throw new AssertionError("no run was invalid:\n" + String.join("\n", outcomes));
    }

    private static JsonNode failingOp(RunResult run) throws Exception {
        JsonNode results = new ObjectMapper()
                .readTree(run.directory().resolve("results.json").toFile());
        for (JsonNode checker : results.path("checkers")) {
            if (checker.path("checker").asText().equals("linearizable")) {
                return checker.path("details").path("counterexample").path("failing");
            }
        }
        throw new AssertionError("no linearizable result in " + run.directory());
    }
}
