package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import io.faultline.harness.cluster.NodeProcesses;
import io.faultline.harness.cluster.NodeProcesses.NodeProcess;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.Leftovers;
import io.faultline.harness.docker.RequiresDocker;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A harness killed with SIGKILL in the middle of a run, while the nemesis holds a node paused, leaves nothing of
 * that run running: on local processes its nodes die with it (the reaper), and when even the reaper is killed the
 * next command removes them; on containers the next command removes the containers and the network.
 */
class KilledHarnessIT {

    private static final Duration WITHIN = Duration.ofSeconds(10);

    @TempDir
    Path store;

    private Process harness;

    @AfterEach
    void stopTheHarness() {
        if (harness != null && harness.isAlive()) {
            harness.destroyForcibly();
        }
        NodeProcesses.removeOrphans();
    }

    @Test
    void the_nodes_of_a_harness_killed_mid_pause_die_within_seconds() throws Exception {
        harness = startHarness("processes");
        awaitTrue(
                "a node of the run is paused",
                Duration.ofSeconds(90),
                () -> nodesOfHarness().stream().anyMatch(NodeProcess::stopped));
        assertThat(nodesOfHarness()).hasSize(3);

        harness.destroyForcibly(); // SIGKILL

        awaitTrue(
                "no node of the killed run is left",
                WITHIN,
                () -> nodesOfHarness().isEmpty());
    }

    @Test
    void when_the_reaper_is_killed_too_the_next_command_continues_and_removes_the_nodes_and_says_so() throws Exception {
        harness = startHarness("processes");
        awaitTrue(
                "a node of the run is paused",
                Duration.ofSeconds(90),
                () -> nodesOfHarness().stream().anyMatch(NodeProcess::stopped));
        List<ProcessHandle> reapers = harness.children()
                .filter(child -> child.info().command().orElse("").endsWith("sh"))
                .toList();
        assertThat(reapers).as("the harness runs one reaper").hasSize(1);

        reapers.getFirst().destroyForcibly();
        harness.destroyForcibly();
        harness.onExit().get();
        List<NodeProcess> left = nodesOfHarness();
        assertThat(left).as("without a reaper the nodes outlive the harness").hasSize(3);
        assertThat(left).allMatch(NodeProcess::orphaned).anyMatch(NodeProcess::stopped);
        String cleaned = faultline("clean");

        assertThat(nodesOfHarness())
                .as("nothing of the dead run after the next command")
                .isEmpty();
        assertThat(cleaned).contains("; paused)");
        for (NodeProcess node : left) {
            assertThat(cleaned).contains("removed node process " + node.pid() + " ");
        }
    }

    @Test
    @RequiresDocker
    void the_containers_and_network_of_a_harness_killed_mid_pause_are_removed_by_the_next_command() throws Exception {
        harness = startHarness("containers");
        awaitTrue(
                "a container of the run is paused",
                Duration.ofSeconds(120),
                () -> containersOfHarness().stream().anyMatch(c -> "paused".equals(c.getState())));

        harness.destroyForcibly();
        harness.onExit().get();
        assertThat(containersOfHarness())
                .as("containers outlive a killed harness")
                .isNotEmpty();
        String cleaned = faultline("clean");

        assertThat(containersOfHarness()).as("no container of the dead run").isEmpty();
        assertThat(networksOfHarness()).as("no network of the dead run").isEmpty();
        assertThat(cleaned).contains("(paused) of a dead run").contains("removed network faultline-");
    }

    /** {@code faultline test} in a JVM of its own: 3 nodes, a node paused every 3 s for 3 s, two minutes of load. */
    private Process startHarness(String runtime) throws IOException {
        Path jar = Path.of("target", "faultline-cli.jar").toAbsolutePath();
        assertThat(jar)
                .as("the command-line jar (built by package, before the ITs)")
                .isRegularFile();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                        java.toString(),
                        "-jar",
                        jar.toString(),
                        "test",
                        "--runtime",
                        runtime,
                        "--nodes",
                        "3",
                        "--nemesis",
                        "pause",
                        "--fault-interval",
                        "3s",
                        "--time-limit",
                        "120s",
                        "--store",
                        store.toString())
                .redirectErrorStream(true)
                .redirectOutput(store.resolve("harness.out").toFile());
        return builder.start();
    }

    private List<NodeProcess> nodesOfHarness() {
        long pid = harness.pid();
        return NodeProcesses.all().stream().filter(p -> p.ownerPid() == pid).toList();
    }

    private List<Container> containersOfHarness() {
        String suffix = ":" + harness.pid();
        return Docker.client()
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(Leftovers.MANAGED, "true"))
                .exec()
                .stream()
                .filter(c -> c.getLabels().getOrDefault(Leftovers.OWNER, "").endsWith(suffix))
                .toList();
    }

    private List<Network> networksOfHarness() {
        String suffix = ":" + harness.pid();
        return Docker.client()
                .listNetworksCmd()
                .withFilter("label", List.of(Leftovers.MANAGED + "=true"))
                .exec()
                .stream()
                .filter(n -> n.getLabels().getOrDefault(Leftovers.OWNER, "").endsWith(suffix))
                .toList();
    }

    private static String faultline(String... args) {
        StringWriter out = new StringWriter();
        int exit = FaultlineCommand.execute(args, new PrintWriter(out, true), new PrintWriter(out, true));
        assertThat(exit).as("faultline %s: %s", String.join(" ", args), out).isZero();
        return out.toString();
    }

    private void awaitTrue(String what, Duration limit, BooleanSupplier condition) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what + "; the harness said:\n"
                        + (Files.exists(store.resolve("harness.out"))
                                ? Files.readString(store.resolve("harness.out"))
                                : ""));
            }
            Thread.sleep(50); // polling a condition with a deadline, not waiting a fixed time
        }
    }
}
