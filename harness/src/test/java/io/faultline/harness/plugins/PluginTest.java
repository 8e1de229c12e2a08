package io.faultline.harness.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checkers.Verdict;
import io.faultline.harness.db.Dbs;
import io.faultline.harness.run.RunResult;
import io.faultline.harness.run.TestRunner;
import io.faultline.harness.run.TestSpec;
import io.faultline.workloads.Workloads;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A jar on the classpath adds --db and --workload names through ServiceLoader. */
class PluginTest {

    @TempDir
    Path store;

    @Test
    void a_plugin_db_and_workload_are_found_by_name_and_run() throws Exception {
        TestSpec spec = TestSpec.demo(store, 3)
                .withName("plugin")
                .with("pings", "none", List.of())
                .withLoad("echo-db", 1, 4, 500)
                .withTiming(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

        RunResult run = new TestRunner(new PrintWriter(new StringWriter())).run(spec);

        assertThat(run.verdict()).isEqualTo(Verdict.VALID);
        assertThat(Files.readString(run.directory().resolve("history.jsonl"))).contains("\"f\":\"ping\"");
    }

    @Test
    void a_plugin_db_receives_its_db_opt_settings_and_refuses_one_it_does_not_know() {
        assertThat(Dbs.create("echo-db", List.of(), java.util.Map.of("echo", "x")))
                .isNotNull();
        assertThatThrownBy(() -> Dbs.create("echo-db", List.of(), java.util.Map.of("colour", "red")))
                .hasMessage("echo-db has no setting 'colour' (it takes: echo)");
    }

    @Test
    void plugins_are_listed_next_to_the_built_in_names() {
        assertThat(Dbs.all()).containsKeys("faultline-store", "in-memory", "echo-db");
        assertThat(Workloads.all()).containsKeys("register", "set", "pings");
        assertThatThrownBy(() -> Dbs.create("nosuchdb", List.of())).hasMessageContaining("echo-db");
    }
}
