package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.CheckResult;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.docker.RequiresDocker;
import io.faultline.harness.junit.RunAssert;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole test run with the proxied-link partitions on the containers runtime: the proxy container in a real run. */
@RequiresDocker
class LinkPartitionOnContainersIT {

    @TempDir
    Path store;

    @Test
    void a_register_run_with_link_partitions_on_containers_is_valid_and_every_fault_is_verified() throws Exception {
        RunResult run = new TestRunner(new PrintWriter(System.out, true))
                .run(TestSpec.demo(store, 1)
                        .with("register", "link-partition", List.of())
                        .withRuntime(ClusterRuntime.CONTAINERS)
                        .withTiming(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(3)));

        RunAssert.assertThat(run).isValid();
        CheckResult faults = run.result().parts().stream()
                .filter(p -> p.checker().equals("faults"))
                .findFirst()
                .orElseThrow();
        Matcher counts = Pattern.compile("(\\d+) fault ops, (\\d+) verified").matcher(faults.summary());
        assertThat(counts.find()).as(faults.summary()).isTrue();
        assertThat(Integer.parseInt(counts.group(1))).as(faults.summary()).isPositive();
        assertThat(counts.group(2))
                .as("every fault op verified: " + faults.summary())
                .isEqualTo(counts.group(1));
    }
}
