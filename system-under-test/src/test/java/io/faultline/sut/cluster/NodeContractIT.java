package io.faultline.sut.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the harness relies on when it starts a node: flags, exit code, health, peer probe, log lines. */
class NodeContractIT {

    @TempDir
    Path dir;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void invalid_arguments_exit_with_254_and_say_why_on_stderr() throws Exception {
        Process p = new ProcessBuilder(
                        LocalCluster.java(), "-jar", LocalCluster.JAR.toString(), "--id", "n1", "--bug", "typo")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String stderr = new String(p.getErrorStream().readAllBytes());

        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the node exits").isTrue();
        assertThat(p.exitValue()).as("exit code for bad arguments").isEqualTo(254);
        assertThat(stderr).as("the message names the flag").contains("--bug 'typo' is not one of");
    }

    @Test
    void a_node_whose_peer_is_down_logs_json_reports_health_and_the_refused_peer_and_refuses_writes_definitely()
            throws Exception {
        int http = LocalCluster.freePort();
        Path log = dir.resolve("n1.log");
        Process p = new ProcessBuilder(List.of(
                        LocalCluster.java(),
                        "-jar",
                        LocalCluster.JAR.toString(),
                        "--id",
                        "n1",
                        "--http-port",
                        Integer.toString(http),
                        "--peer-port",
                        Integer.toString(LocalCluster.freePort()),
                        "--peers",
                        "ghost=127.0.0.1:" + LocalCluster.freePort(),
                        "--data-dir",
                        dir.resolve("data").toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        try {
            String started = LocalCluster.await("the started line", Duration.ofSeconds(20), () -> startedLine(log));

            HttpResponse<String> health = get(http, "/health");
            HttpResponse<String> peers = get(http, "/peers");
            HttpResponse<String> write = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/kv/x"))
                            .PUT(HttpRequest.BodyPublishers.ofString("{\"value\":1}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(started)
                    .as("a JSON line naming the node")
                    .startsWith("{")
                    .contains("\"node\":\"n1\"");
            assertThat(health.statusCode()).as("health status").isEqualTo(200);
            assertThat(health.body()).as("health names the node").contains("\"node\":\"n1\"");
            assertThat(peers.body()).as("the peer probe").isEqualTo("{\"ghost\":\"refused\"}");
            assertThat(write.statusCode())
                    .as("no leader without a majority: %s", write.body())
                    .isEqualTo(421);
            assertThat(write.body())
                    .as("a definite error naming no leader")
                    .contains("\"error\":\"not-leader\"", "\"definite\":true", "\"leader\":null");
        } finally {
            p.destroyForcibly();
            p.waitFor();
        }
    }

    private HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static Optional<String> startedLine(Path log) {
        try {
            return Files.readAllLines(log).stream()
                    .filter(l -> l.contains("\"msg\":\"started\""))
                    .findFirst();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
