package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cluster.NodeProcesses.NodeProcess;
import io.faultline.harness.os.LocalCommand;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Node processes found by their environment, told live from orphaned by their owner's pid and start time. */
class NodeProcessesTest {

    private final String cluster = "test-" + UUID.randomUUID().toString().substring(0, 8);
    private Process child;

    @AfterEach
    void killTheChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void a_process_started_with_a_clusters_environment_is_found_with_this_jvm_as_its_live_owner() throws IOException {
        child = start(NodeProcesses.environment(cluster));

        List<NodeProcess> found = awaitFound(1);

        assertThat(found).singleElement().satisfies(node -> {
            assertThat(node.pid()).isEqualTo(child.pid());
            assertThat(node.ownerPid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(node.orphaned()).isFalse();
            assertThat(node.stopped()).isFalse();
        });
        assertThat(NodeProcesses.orphans()).noneMatch(node -> node.pid() == child.pid());
    }

    @Test
    void a_process_whose_owner_pid_was_reused_by_another_process_is_an_orphan() throws IOException {
        Map<String, String> env = Map.of(
                NodeProcesses.CLUSTER,
                cluster,
                NodeProcesses.OWNER_PID,
                Long.toString(ProcessHandle.current().pid()),
                NodeProcesses.OWNER_START,
                "12345");

        child = start(env);

        assertThat(awaitFound(1))
                .singleElement()
                .satisfies(node -> assertThat(node.orphaned())
                        .as("this JVM has the pid but not the start time")
                        .isTrue());
    }

    @Test
    void removing_a_paused_orphan_continues_and_kills_it() throws Exception {
        child = start(Map.of(NodeProcesses.CLUSTER, cluster, NodeProcesses.OWNER_PID, "999999999"));
        LocalCommand.run(Duration.ofSeconds(5), "kill", "-STOP", Long.toString(child.pid()))
                .orThrow();
        NodeProcess paused = awaitFound(1).getFirst();
        for (int i = 0; i < 100 && !paused.stopped(); i++) {
            Thread.sleep(10); // the stop is asynchronous: wait until /proc shows it
            paused = NodeProcesses.ofCluster(cluster).getFirst();
        }
        assertThat(paused.stopped()).as("seen paused").isTrue();
        assertThat(paused.orphaned()).isTrue();

        List<NodeProcess> removed = NodeProcesses.removeOrphans();

        assertThat(removed).extracting(NodeProcess::pid).contains(child.pid());
        assertThat(child.isAlive()).isFalse();
        assertThat(NodeProcesses.ofCluster(cluster)).isEmpty();
    }

    @Test
    void a_process_without_the_environment_is_no_node() throws IOException {
        child = new ProcessBuilder("sleep", "30").start();

        assertThat(NodeProcesses.all()).noneMatch(node -> node.pid() == child.pid());
    }

    private Process start(Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("sleep", "30");
        builder.environment().putAll(env);
        return builder.start();
    }

    private List<NodeProcess> awaitFound(int count) {
        List<NodeProcess> found = NodeProcesses.ofCluster(cluster);
        for (int i = 0; i < 200 && found.size() < count; i++) {
            found = NodeProcesses.ofCluster(cluster); // exec replaces the environment a moment after fork
        }
        return found;
    }
}
