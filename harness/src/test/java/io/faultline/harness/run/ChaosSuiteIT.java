package io.faultline.harness.run;

import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.docker.RequiresDocker;
import io.faultline.harness.junit.RunAssert;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chaos suite: the correct store under every fault family that applies, for every workload, each case a Faultline run whose
 * failure message carries the verdict, the anomaly and the run directory. CI runs it short
 * ({@code faultline.chaos.seconds}, 5 by default); {@code ./mvnw verify -Pnightly} runs each case for a minute.
 */
@Tag("chaos")
@RequiresDocker
class ChaosSuiteIT {

    private static final Duration LOAD = Duration.ofSeconds(Long.getLong("faultline.chaos.seconds", 5));

    @TempDir
    Path store;

    @ParameterizedTest(name = "{0} under {1}")
    @CsvSource({
        "register, partition-one",
        "register, kill",
        "register, kill-primary",
        "cas-register, pause",
        "multi-register, partition-bridge",
        "multi-register, kill-majority",
        "set, partition",
        "counter, kill",
        "list-append, partition-ring",
        "bank, partition",
        "bank, kill-primary",
    })
    void the_correct_store_passes_its_checker(String workload, String nemesis) throws Exception {
        Duration interval =
                LOAD.dividedBy(3).compareTo(Duration.ofSeconds(2)) < 0 ? Duration.ofSeconds(2) : LOAD.dividedBy(3);
        TestSpec spec = TestSpec.demo(store, LOAD.toSeconds() * 31 + workload.length())
                .withName(workload + "-" + nemesis)
                .with(workload, nemesis, List.of())
                .withRuntime(ClusterRuntime.CONTAINERS)
                .withTiming(LOAD, interval, Duration.ofSeconds(3));

        RunResult run = new TestRunner(new PrintWriter(System.out, true)).run(spec);

        RunAssert.assertThat(run).isValid();
    }
}
