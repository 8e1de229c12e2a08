package io.faultline.harness.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.ClusterSpec;
import io.faultline.harness.cluster.NodeProcesses;
import io.faultline.harness.docker.RequiresDocker;
import io.faultline.harness.run.RunResult;
import io.faultline.harness.run.TestRunner;
import io.faultline.harness.run.TestSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin db whose nodes are a Python server ({@link ScriptKvDb}), run through {@link TestRunner} on both runtimes
 * under kill and pause: its own program is started, faulted and checked by its service, and its logs and data are
 * where the docs say. A launcher that lets its server escape the node's process group makes a pause that does not
 * reach the service, and the history says so.
 */
class PluginNodesIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path store;

    private int runs;

    @AfterEach
    void noNodeProcessOfThisJvmIsLeft() {
        long self = ProcessHandle.current().pid();
        assertThat(NodeProcesses.all())
                .as("node processes this JVM started, after the run")
                .noneMatch(p -> p.ownerPid() == self);
    }

    private RunResult run(ClusterRuntime runtime, String nemesis, Map<String, String> options)
            throws InterruptedException {
        TestSpec spec = TestSpec.demo(store, 7)
                .withName("script-kv-" + nemesis + "-" + runs++)
                .with("register", nemesis, List.of())
                .withLoad("script-kv", 3, 3, 20)
                .withDbOptions(options)
                .withTiming(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(1))
                .withRuntime(runtime);
        return new TestRunner(new PrintWriter(new StringWriter())).run(spec);
    }

    /** The nemesis completions of {@code f}: each one's {@code value} holds {@code verified} and {@code note}. */
    private static List<JsonNode> faults(RunResult run, String f) throws IOException {
        List<JsonNode> found = new ArrayList<>();
        for (String line : Files.readAllLines(run.directory().resolve("history.jsonl"))) {
            JsonNode op = JSON.readTree(line);
            if (op.path("f").asText().equals(f) && op.path("value").has("verified")) {
                found.add(op.get("value"));
            }
        }
        return found;
    }

    private static void assertEveryFaultVerified(RunResult run, String f) throws IOException {
        List<JsonNode> done = faults(run, f);
        assertThat(done).as(f + " ops recorded").isNotEmpty();
        assertThat(done)
                .as(f + " ops")
                .allSatisfy(v -> assertThat(v.get("verified").asBoolean())
                        .as(v.path("note").asText())
                        .isTrue());
    }

    private static void assertNodeFilesWhereTheDocsSay(RunResult run) throws IOException {
        for (String node : List.of("n1", "n2", "n3")) {
            Path log = run.directory().resolve(node).resolve("node.log");
            assertThat(log).as(node + "'s log").isRegularFile();
            assertThat(Files.readString(log)).contains("kv node " + node + " serving");
        }
        // every client writes to n1, which keeps kv.json in its data directory; the run keeps a copy (Db.LogFiles)
        assertThat(run.directory().resolve("n1").resolve("kv.json")).isRegularFile();
    }

    @Test
    void on_local_processes_a_python_nodes_kills_are_verified_by_its_service() throws Exception {
        RunResult run = run(ClusterRuntime.PROCESSES, "kill", Map.of());

        assertEveryFaultVerified(run, "kill");
        assertEveryFaultVerified(run, "start");
        assertNodeFilesWhereTheDocsSay(run);
        assertThat(run.directory().resolve("n1").resolve("data").resolve("kv.json"))
                .as("n1's data directory, WORKDIR/n1/data")
                .isRegularFile();
    }

    @Test
    void on_local_processes_a_python_nodes_pauses_are_verified_by_its_service() throws Exception {
        RunResult run = run(ClusterRuntime.PROCESSES, "pause", Map.of());

        assertEveryFaultVerified(run, "pause");
        assertEveryFaultVerified(run, "resume");
        assertNodeFilesWhereTheDocsSay(run);
    }

    @Test
    void a_pause_of_a_launcher_whose_server_left_its_group_is_recorded_as_not_verified() throws Exception {
        RunResult run = run(ClusterRuntime.PROCESSES, "pause", Map.of("escape", "true"));

        List<JsonNode> pauses = faults(run, "pause");
        assertThat(pauses).as("pause ops recorded").isNotEmpty();
        assertThat(pauses).allSatisfy(v -> {
            assertThat(v.get("verified").asBoolean()).isFalse();
            assertThat(v.get("note").asText()).contains("did not take effect").contains("still answered");
        });
    }

    @Test
    void without_a_service_check_a_kill_is_verified_by_the_closed_port_and_a_pause_is_recorded_as_not_verified()
            throws Exception {
        RunResult killed = run(ClusterRuntime.PROCESSES, "kill", Map.of("service-check", "false"));
        RunResult paused = run(ClusterRuntime.PROCESSES, "pause", Map.of("service-check", "false"));

        assertEveryFaultVerified(killed, "kill");
        List<JsonNode> pauses = faults(paused, "pause");
        assertThat(pauses).as("pause ops recorded").isNotEmpty();
        assertThat(pauses).allSatisfy(v -> {
            assertThat(v.get("verified").asBoolean()).isFalse();
            assertThat(v.get("note").asText()).contains("the db script-kv has no service check");
        });
    }

    @Test
    @RequiresDocker
    void on_containers_a_python_nodes_kills_are_verified_by_its_service() throws Exception {
        RunResult run = run(ClusterRuntime.CONTAINERS, "kill", Map.of());

        assertEveryFaultVerified(run, "kill");
        assertEveryFaultVerified(run, "start");
        assertNodeFilesWhereTheDocsSay(run);
    }

    @Test
    @RequiresDocker
    void on_containers_a_python_nodes_pauses_are_verified_by_its_service() throws Exception {
        RunResult run = run(ClusterRuntime.CONTAINERS, "pause", Map.of());

        assertEveryFaultVerified(run, "pause");
        assertEveryFaultVerified(run, "resume");
        assertNodeFilesWhereTheDocsSay(run);
    }

    private ClusterSpec programSpec(NodeProgram program) {
        return ClusterSpec.of(3, store).withNodes("imageless-db", NodeSetup.program(program));
    }

    @Test
    @RequiresDocker
    void on_containers_a_node_that_listens_late_is_not_called_ready_by_dockers_port_proxy() throws Exception {
        // With only a TCP connect for readiness, the published port answers at once (Docker's proxy accepts it);
        // the harness must wait until the server listens inside its container, so the first ops already succeed.
        RunResult run = run(ClusterRuntime.CONTAINERS, "none", Map.of("service-check", "false", "slow-start", "true"));

        List<String> completions = new ArrayList<>();
        for (String line : Files.readAllLines(run.directory().resolve("history.jsonl"))) {
            JsonNode op = JSON.readTree(line);
            if (!op.path("process").isTextual() && !op.path("type").asText().equals("invoke")) {
                completions.add(op.path("type").asText() + " " + op.path("f").asText() + " " + op.path("error"));
            }
        }
        assertThat(completions).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("ok "));
    }

    @Test
    @RequiresDocker
    void on_containers_a_program_without_an_image_is_refused_before_anything_starts_naming_the_db() {
        NodeProgram imageless = node -> List.of("imageless-server");

        assertThatThrownBy(() -> ClusterRuntime.CONTAINERS.start(programSpec(imageless)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the db imageless-db has no image for the containers runtime")
                .hasMessageContaining("--runtime processes");
    }

    @Test
    @RequiresDocker
    void on_containers_a_local_image_the_engine_does_not_have_is_refused_and_never_pulled() {
        NodeProgram absent = new NodeProgram() {
            @Override
            public List<String> command(NodeContext node) {
                return List.of("server");
            }

            @Override
            public Optional<ImageRecipe> image() {
                return Optional.of(new ImageRecipe.LocalImage("faultline-test-absent:nowhere"));
            }
        };

        assertThatThrownBy(() -> ClusterRuntime.CONTAINERS.start(programSpec(absent)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("runs in the image faultline-test-absent:nowhere, which this Docker engine does"
                        + " not have (images are never pulled)");
    }
}
