package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checkers.Verdict;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.docker.RequiresDocker;
import io.faultline.harness.junit.RunAssert;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bundled node's quorum engine (leaderless ABD registers) on containers: linearizable through partitions when
 * correct, caught when its quorums do not intersect, and refused before start for an operation it cannot serve.
 * docs/engines.md has the 10-seed table these runs are the short form of.
 */
@RequiresDocker
class QuorumEngineIT {

    @TempDir
    Path store;

    private final PrintWriter out = new PrintWriter(System.out, true);

    private TestSpec spec(String workload, String nemesis, List<String> bugs) {
        return TestSpec.demo(store, 1)
                .withName("quorum-" + workload + "-" + nemesis)
                .with(workload, nemesis, bugs)
                .withDbOptions(Map.of("engine", "quorum"))
                .withRuntime(ClusterRuntime.CONTAINERS)
                .withTiming(Duration.ofSeconds(20), Duration.ofSeconds(4), Duration.ofSeconds(3));
    }

    @Test
    void the_correct_quorum_engine_keeps_a_register_linearizable_through_partitions() throws Exception {
        RunResult run = new TestRunner(out).run(spec("register", "partition", List.of()));

        RunAssert.assertThat(run).isValid();
        assertThat(Files.readString(run.directory().resolve("n1").resolve("node.log")))
                .as("the nodes ran the quorum engine")
                .contains("\"engine\":\"quorum\"");
    }

    @Test
    void sloppy_quorums_serve_stale_reads_under_partitions_and_are_caught() throws Exception {
        List<String> outcomes = new ArrayList<>();
        for (long seed = 1; seed <= 3; seed++) {
            RunResult run = new TestRunner(out)
                    .run(spec("register", "partition", List.of("sloppy-r-w")).withSeed(seed));
            outcomes.add("seed " + seed + ": " + run.verdict().label() + " " + run.directory());
            if (run.verdict() == Verdict.INVALID) {
                assertThat(run.result().summary()).as("the anomaly is named").containsIgnoringCase("read");
                return;
            }
        }
        throw new AssertionError("no run was invalid:\n" + String.join("\n", outcomes));
    }

    @Test
    void a_workload_with_compare_and_set_is_refused_before_any_node_starts() {
        assertThatThrownBy(() -> new TestRunner(out).run(spec("cas-register", "partition", List.of())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the quorum engine of faultline-store does not serve cas");
        assertThat(store).isEmptyDirectory();
    }
}
