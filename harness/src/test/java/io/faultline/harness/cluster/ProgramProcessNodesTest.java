package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A db's own program on local processes: the layout each node is given, readiness, refusals before starting, and
 * signals that reach the node's whole process group (a launcher and what it starts).
 */
class ProgramProcessNodesTest {

    @TempDir
    Path workDir;

    /** The contexts the program was asked for, by node. */
    private final Map<String, NodeContext> given = new ConcurrentHashMap<>();

    /** A launcher shell that starts a helper (sleep) and then becomes a Python web server on the client port. */
    private final NodeProgram launcher = node -> {
        given.put(node.id(), node);
        return List.of(
                "sh",
                "-c",
                "sleep 300 & exec python3 -m http.server " + node.clientPort() + " --bind " + node.bindHost());
    };

    private ClusterSpec spec(int size, NodeProgram program) {
        return ClusterSpec.of(size, workDir)
                .withReadyTimeout(Duration.ofSeconds(30))
                .withNodes("fake-db", NodeSetup.program(program));
    }

    private static long pid(Node node) {
        return ((ProcessNode) node).pid().orElseThrow();
    }

    @Test
    void a_program_node_leads_its_own_process_group_and_a_kill_ends_the_launcher_and_what_it_started() {
        try (ProcessCluster cluster = ProcessCluster.start(spec(1, launcher))) {
            Node node = cluster.nodes().getFirst();
            long pid = pid(node);
            assertThat(ProcessGroup.groupOf(pid)).as("the node's group id").contains(pid);
            assertThat(ProcessGroup.members(pid))
                    .as("the server and the helper it started")
                    .hasSize(2);

            node.kill();

            assertThat(ProcessGroup.members(pid))
                    .as("what is left of the group")
                    .isEmpty();
            assertThat(node.state()).isEqualTo(NodeState.DOWN);
        }
    }

    @Test
    void a_pause_stops_every_process_of_the_group_and_a_resume_continues_them_all() {
        try (ProcessCluster cluster = ProcessCluster.start(spec(1, launcher))) {
            Node node = cluster.nodes().getFirst();
            long pid = pid(node);

            node.pause();
            List<String> paused = ProcessGroup.members(pid).stream()
                    .map(ProcessGroup.Member::state)
                    .toList();
            node.resume();
            List<String> resumed = ProcessGroup.members(pid).stream()
                    .map(ProcessGroup.Member::state)
                    .toList();

            assertThat(paused).hasSize(2).containsOnly("T");
            assertThat(resumed).hasSize(2).doesNotContain("T");
        }
    }

    @Test
    void a_bundled_node_leads_its_own_process_group_too() {
        try (ProcessCluster cluster = ProcessCluster.start(ClusterSpec.of(1, workDir))) {
            long pid = pid(cluster.nodes().getFirst());

            assertThat(ProcessGroup.groupOf(pid)).contains(pid);
        }
    }

    @Test
    void each_node_is_given_loopback_ports_its_data_directory_and_its_peers_through_the_link_proxies() {
        try (ProcessCluster cluster = ProcessCluster.start(spec(2, launcher).withProxiedLinks())) {
            Node n1 = cluster.node(NodeId.of(1));
            Node n2 = cluster.node(NodeId.of(2));
            NodeContext first = given.get("n1");

            assertThat(first.runtime()).isEqualTo("processes");
            assertThat(first.bindHost()).isEqualTo("127.0.0.1");
            assertThat(first.clientPort()).isEqualTo(n1.clientAddress().port());
            assertThat(first.peerPort()).isEqualTo(n1.peerAddress().port());
            assertThat(first.dataDir())
                    .isEqualTo(workDir.toAbsolutePath()
                            .resolve("n1")
                            .resolve("data")
                            .toString());
            assertThat(first.members()).isEqualTo(Map.of("n1", n1.peerAddress(), "n2", n2.peerAddress()));
            assertThat(given.get("n2").members()).isEqualTo(first.members());
            assertThat(first.peers()).containsOnlyKeys("n2");
            assertThat(first.peers().get("n2"))
                    .as("n1's way to n2: the proxy of the link n1 -> n2")
                    .isNotEqualTo(n2.peerAddress());
            assertThat(NodeProcesses.ofCluster(cluster.id()))
                    .as("the harness's variables in the program's environment")
                    .extracting(NodeProcesses.NodeProcess::pid)
                    .contains(pid(n1), pid(n2));
        }
    }

    @Test
    void without_proxied_links_a_node_dials_each_peer_at_its_own_address() {
        try (ProcessCluster cluster = ProcessCluster.start(spec(2, launcher))) {
            assertThat(given.get("n1").peers())
                    .isEqualTo(Map.of("n2", cluster.node(NodeId.of(2)).peerAddress()));
        }
    }

    @Test
    void every_node_is_told_every_nodes_client_address_so_a_replica_can_follow_its_primary() {
        try (ProcessCluster cluster = ProcessCluster.start(spec(2, launcher))) {
            assertThat(given.get("n2").clients())
                    .isEqualTo(Map.of(
                            "n1", cluster.node(NodeId.of(1)).clientAddress(),
                            "n2", cluster.node(NodeId.of(2)).clientAddress()));
        }
    }

    @Test
    void a_program_that_is_not_installed_is_refused_before_anything_starts_naming_the_db() {
        NodeProgram missing =
                node -> List.of("faultline-no-such-server", "--port", Integer.toString(node.clientPort()));

        assertThatThrownBy(() -> ProcessCluster.start(spec(3, missing)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("the db fake-db needs faultline-no-such-server, which this machine does not have")
                .hasMessageContaining("install it");
        assertThat(workDir.resolve("n1")).doesNotExist();
    }

    @Test
    void a_program_that_exits_while_starting_fails_at_once_with_its_last_output() {
        NodeProgram failing = node -> List.of("sh", "-c", "echo no config for " + node.id() + "; exit 3");

        assertThatThrownBy(() -> ProcessCluster.start(spec(1, failing).withReadyTimeout(Duration.ofSeconds(60))))
                .isInstanceOf(NodeStartException.class)
                .hasMessageContaining("n1 exited while starting")
                .hasMessageContaining("no config for n1");
    }
}
