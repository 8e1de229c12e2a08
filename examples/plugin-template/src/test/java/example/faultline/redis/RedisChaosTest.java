package example.faultline.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.junit.RunAssert;
import io.faultline.harness.run.RunResult;
import io.faultline.harness.run.TestRunner;
import io.faultline.harness.run.TestSpec;
import java.io.File;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short chaos test through the harness: three Redis nodes as local processes, the cas-register workload, and
 * the primary killed and restarted. With the append-only file fsynced before each reply, no acknowledged write may
 * be lost, so the history must be linearizable, and the client must keep every client rule. Skipped where
 * {@code redis-server} is not installed ({@code apt-get install redis-server}).
 */
class RedisChaosTest {

    @TempDir
    Path store;

    static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }

    @Test
    void redis_with_its_primary_killed_keeps_a_linearizable_register() throws InterruptedException {
        assumeTrue(onPath("redis-server"), "redis-server is not installed; apt-get install redis-server");
        TestSpec spec = TestSpec.demo(store, 42)
                .withName("redis-cas-register-kill-primary")
                .withLoad(RedisDb.NAME, 3, 4, 50)
                .with("cas-register", "kill-primary", List.of())
                .withTiming(Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(3))
                .withRuntime(ClusterRuntime.PROCESSES);

        RunResult run = new TestRunner(new PrintWriter(System.out, true)).run(spec);

        RunAssert.assertThat(run).isValid();
    }
}
