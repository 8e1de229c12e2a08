package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Cluster} implementation must do, run against each of them: five nodes that reach each other,
 * and a node that can be killed, restarted, paused and resumed with the effect visible from outside.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ClusterContract {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    Cluster cluster;

    abstract ClusterRuntime runtime();

    @BeforeAll
    void startFiveNodes(@TempDir Path workDir) {
        cluster = runtime().start(ClusterSpec.of(5, workDir));
    }

    @AfterAll
    void closeCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void five_nodes_start_and_each_reaches_every_other() throws Exception {
        assertThat(cluster.nodes()).hasSize(5).allMatch(n -> n.state() == NodeState.RUNNING);
        for (Node node : cluster.nodes()) {
            JsonNode peers = get(node, "/peers");
            List<String> others = cluster.nodes().stream()
                    .filter(n -> n != node)
                    .map(n -> n.id().name())
                    .toList();
            for (String other : others) {
                assertThat(peers.path(other).asText())
                        .as("%s reaching %s", node.id(), other)
                        .isEqualTo("reachable");
            }
        }
    }

    @Test
    @Order(2)
    void a_killed_node_refuses_connections_until_it_is_restarted() throws Exception {
        Node victim = cluster.node(NodeId.of(2));
        Node witness = cluster.node(NodeId.of(1));

        victim.kill();

        assertThat(victim.state()).isEqualTo(NodeState.DOWN);
        assertThatThrownBy(() -> get(victim, "/health"))
                .as("a client connecting to a killed node")
                .isInstanceOf(ConnectException.class);
        assertThat(get(witness, "/peers").path("n2").asText())
                .as("a peer's view of the killed node")
                .isNotEqualTo("reachable");

        victim.start();

        assertThat(get(victim, "/health").path("node").asText()).isEqualTo("n2");
        awaitTrue(
                () -> "reachable"
                        .equals(quietly(() -> get(witness, "/peers").path("n2").asText())),
                "n1 reaches n2 again after the restart");
        assertThat(victim.logs()
                        .lines()
                        .filter(l -> l.contains("\"msg\":\"started\""))
                        .count())
                .as("the log holds both lives of the node")
                .isEqualTo(2);
    }

    @Test
    @Order(3)
    void a_paused_node_lets_reads_time_out_and_answers_again_once_resumed() throws Exception {
        Node victim = cluster.node(NodeId.of(3));

        victim.pause();

        assertThat(victim.state()).isEqualTo(NodeState.PAUSED);
        assertThatThrownBy(() -> get(victim, "/health", Duration.ofMillis(800)))
                .as("a read from a paused node")
                .isInstanceOf(HttpTimeoutException.class);

        victim.resume();

        assertThat(get(victim, "/health").path("node").asText()).isEqualTo("n3");
    }

    @Test
    @Order(4)
    void a_restart_brings_a_running_node_back_with_a_fresh_process() throws Exception {
        Node node = cluster.node(NodeId.of(4));

        node.restart();

        assertThat(node.state()).isEqualTo(NodeState.RUNNING);
        assertThat(get(node, "/health").path("node").asText()).isEqualTo("n4");
        assertThat(node.logs()
                        .lines()
                        .filter(l -> l.contains("\"msg\":\"started\""))
                        .count())
                .isEqualTo(2);
    }

    @Test
    @Order(5)
    void exec_runs_a_command_on_the_node_and_returns_its_output() {
        ExecResult result = cluster.node(NodeId.of(5)).exec(Duration.ofSeconds(10), "sh", "-c", "echo hello; exit 3");

        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout().strip()).isEqualTo("hello");
    }

    @Test
    @Order(6)
    void every_node_logs_its_structured_start_line() {
        for (Node node : cluster.nodes()) {
            assertThat(node.logs())
                    .as("log of %s", node.id())
                    .contains("\"node\":\"" + node.id() + "\"")
                    .contains("\"msg\":\"started\"");
        }
    }

    @Test
    @Order(7)
    void a_file_in_a_nodes_data_directory_can_be_copied_out_even_while_the_node_is_down(@TempDir Path out)
            throws Exception {
        Node node = cluster.node(NodeId.of(3));
        awaitTrue(() -> node.copyFile("raft.journal", out.resolve("up.journal")), "n3 has written its journal");

        node.kill();
        boolean copiedWhileDown = node.copyFile("raft.journal", out.resolve("down.journal"));
        boolean missing = node.copyFile("no-such-file", out.resolve("missing"));
        node.start();

        assertThat(copiedWhileDown).as("copied while down").isTrue();
        assertThat(java.nio.file.Files.size(out.resolve("down.journal")))
                .as("the journal holds at least the node's first term and vote")
                .isPositive();
        assertThat(missing).as("a file the node does not have").isFalse();
        assertThat(out.resolve("missing")).doesNotExist();
        assertThatThrownBy(() -> node.copyFile("../../etc/passwd", out.resolve("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the node's data directory");
    }

    static JsonNode get(Node node, String path) throws IOException, InterruptedException {
        return get(node, path, Duration.ofSeconds(5));
    }

    static JsonNode get(Node node, String path, Duration timeout) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(node.clientAddress().http(path))
                        .timeout(timeout)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s on %s", path, node.id()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    interface IoSupplier<T> {
        T get() throws Exception;
    }

    static <T> T quietly(IoSupplier<T> supplier) {
        try {
            return supplier.get();
        } catch (Exception e) {
            return null;
        }
    }

    /** Polls a condition every 100 ms for up to 20 s. */
    static void awaitTrue(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 20 s: " + what);
            }
            Thread.sleep(100);
        }
    }
}
