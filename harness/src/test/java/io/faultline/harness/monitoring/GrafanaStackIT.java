package io.faultline.harness.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.Verdict;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.RequiresDocker;
import io.faultline.harness.images.BaseImage;
import io.faultline.harness.images.ImageBuilder;
import io.faultline.harness.images.PrometheusImage;
import io.faultline.harness.run.RunResult;
import io.faultline.harness.run.TestRunner;
import io.faultline.harness.run.TestSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --grafana} on real containers: a short run of the bundled store with Prometheus up, asked through its HTTP
 * API, before the stack is stopped, whether it scraped the harness and every node and whether every query of the
 * provisioned dashboard has data; Grafana's image cannot be had, which the run must report and survive.
 */
@RequiresDocker
class GrafanaStackIT {

    /** A name no registry serves ({@code .invalid} never resolves), so Grafana is unavailable on any machine. */
    private static final String UNPULLABLE_GRAFANA = "registry.invalid/grafana/grafana:12.4.1";

    private static final int NODES = 3;

    @TempDir
    Path store;

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void prometheus_scrapes_the_harness_and_every_node_and_every_dashboard_query_has_data_without_grafana()
            throws Exception {
        new ImageBuilder(line -> {}).ensure(PrometheusImage.defaultImage());
        StringWriter out = new StringWriter();
        PrintWriter printer = new PrintWriter(out, true);
        Probing monitor = new Probing(
                new GrafanaMonitor(UNPULLABLE_GRAFANA),
                session -> session.prometheus()
                        .map(p -> probeUntilComplete(p, Duration.ofSeconds(30)))
                        .orElse(List.of("no Prometheus ran")));
        TestSpec spec = TestSpec.demo(store, 11)
                .withName("grafana-stack")
                .with("register", "partition", List.of())
                .withRuntime(ClusterRuntime.CONTAINERS)
                .withLoad("faultline-store", NODES, 6, 50)
                .withTiming(Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(2));

        RunResult run = new TestRunner(printer, null, monitor).run(spec);

        assertThat(monitor.prometheus)
                .as("Prometheus ran; the run said:\n%s", out)
                .isPresent();
        assertThat(monitor.problems)
                .as("what Prometheus still lacked when the probe gave up (run output:\n%s)", out)
                .isEmpty();
        assertThat(out.toString())
                .contains("Prometheus: " + monitor.prometheus.orElseThrow())
                .contains("Grafana unavailable: image " + UNPULLABLE_GRAFANA + " is not present and cannot be pulled")
                .contains("Debian has no grafana package")
                .contains("Prometheus: " + monitor.prometheus.orElseThrow());
        assertThat(run.verdict())
                .as("the correct store under partitions, watched or not (%s)", run.directory())
                .isEqualTo(Verdict.VALID);
        assertThat(Docker.client()
                        .listContainersCmd()
                        .withShowAll(true)
                        .withAncestorFilter(
                                List.of(PrometheusImage.defaultImage().tag()))
                        .exec())
                .as("Prometheus's container is removed with the run")
                .isEmpty();
        assertThat(Files.readString(run.directory().resolve("monitoring").resolve("prometheus.log")))
                .as("Prometheus's log is kept")
                .contains("Server is ready to receive web requests");
        assertThat(tarEntries(run.directory().resolve("monitoring").resolve(MonitoringStack.TSDB_ARCHIVE)))
                .as("Prometheus's data is kept: its write-ahead log, with the run's samples in it")
                .anySatisfy((name, size) -> {
                    assertThat(name).matches("faultline-prometheus/wal/[0-9]+");
                    assertThat(size).isPositive();
                });
    }

    /** Name and size of each entry of a tar archive (ustar: a 512-byte header per entry, then its data). */
    private static java.util.Map<String, Long> tarEntries(Path tar) throws IOException {
        byte[] bytes = Files.readAllBytes(tar);
        java.util.Map<String, Long> names = new java.util.LinkedHashMap<>();
        int at = 0;
        while (at + 512 <= bytes.length && bytes[at] != 0) {
            String name = new String(bytes, at, 100, StandardCharsets.US_ASCII).replace("\0", "");
            long size = Long.parseLong(new String(bytes, at + 124, 11, StandardCharsets.US_ASCII).trim(), 8);
            names.put(name, size);
            at += 512 + (int) ((size + 511) / 512 * 512);
        }
        return names;
    }

    @Test
    void a_grafana_image_the_engine_has_runs_on_loopback_with_the_provisioned_files_and_is_removed_after_the_run()
            throws Exception {
        String standIn = buildGrafanaStandIn();
        try {
            StringWriter out = new StringWriter();
            Probing monitor = new Probing(
                    new GrafanaMonitor(standIn),
                    session -> session.grafana()
                            .map(this::servesTheProvisionedDashboard)
                            .orElse(List.of("no Grafana ran")));
            TestSpec spec = TestSpec.demo(store, 3)
                    .withName("grafana-stand-in")
                    .with("register", "none", List.of())
                    .withLoad("in-memory", 1, 2, 100)
                    .withTiming(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1));

            RunResult run = new TestRunner(new PrintWriter(out, true), null, monitor).run(spec);

            assertThat(out.toString())
                    .containsPattern("Grafana: http://127\\.0\\.0\\.1:\\d+/d/" + Dashboard.UID)
                    .doesNotContain("Grafana unavailable");
            assertThat(monitor.problems).as("the run said:\n%s", out).isEmpty();
            assertThat(run.verdict()).isEqualTo(Verdict.VALID);
            assertThat(Docker.client()
                            .listContainersCmd()
                            .withShowAll(true)
                            .withAncestorFilter(List.of(standIn))
                            .exec())
                    .as("Grafana's container is removed with the run")
                    .isEmpty();
            assertThat(Files.readString(run.directory().resolve("monitoring").resolve("grafana.log")))
                    .contains("HTTP Server Listen");
        } finally {
            Docker.client().removeImageCmd(standIn).withForce(true).exec();
        }
    }

    /**
     * An image that behaves, for the stack, like Grafana: it refuses to start unless the provisioning files are where
     * Grafana reads them, logs Grafana's ready line, and serves the home dashboard at the address Grafana is given.
     */
    private static String buildGrafanaStandIn() throws IOException {
        Path context = Files.createTempDirectory("faultline-grafana-stand-in");
        String tag = "faultline-test-grafana:stand-in";
        try {
            Files.writeString(context.resolve("stand-in.sh"), """
                    set -eu
                    test -r /etc/grafana/provisioning/datasources/faultline.yaml
                    test -r /etc/grafana/provisioning/dashboards/faultline.yaml
                    home="$GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"
                    test -r "$home"
                    echo "logger=http.server msg=\\"HTTP Server Listen\\" address=$GF_SERVER_HTTP_ADDR:$GF_SERVER_HTTP_PORT"
                    while true; do
                      { printf 'HTTP/1.0 200 OK\\r\\nContent-Type: application/json\\r\\n\\r\\n'; cat "$home"; } \\
                        | nc -N -l "$GF_SERVER_HTTP_ADDR" "$GF_SERVER_HTTP_PORT" >/dev/null
                    done
                    """);
            Files.writeString(context.resolve("Dockerfile"), """
                    FROM %s
                    COPY stand-in.sh /stand-in.sh
                    ENTRYPOINT ["/bin/bash", "/stand-in.sh"]
                    """.formatted(
                            BaseImage.defaultImage().tag()));
            Docker.client()
                    .buildImageCmd(context.toFile())
                    .withTags(java.util.Set.of(tag))
                    .withPull(false)
                    .start()
                    .awaitImageId();
            return tag;
        } finally {
            try (var files = Files.list(context)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
            Files.delete(context);
        }
    }

    private List<String> servesTheProvisionedDashboard(URI grafana) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(grafana)
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().equals(Dashboard.provisioned())
                    ? List.of()
                    : List.of("Grafana's home dashboard is not the provisioned one: " + response.body());
        } catch (IOException e) {
            return List.of("Grafana did not answer at " + grafana + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of("interrupted");
        }
    }

    /** Wraps a monitor; when the run closes the session, first runs the probe on it (the stack is still up). */
    private static final class Probing implements Monitor {
        private final Monitor real;
        private final Function<Session, List<String>> probe;
        volatile Optional<URI> prometheus = Optional.empty();
        volatile List<String> problems = List.of("the session was never closed");

        Probing(Monitor real, Function<Session, List<String>> probe) {
            this.real = real;
            this.probe = probe;
        }

        @Override
        public Session start(Watch watch, Consumer<String> log) {
            Session session = real.start(watch, log);
            prometheus = session.prometheus();
            return new Session() {
                @Override
                public Optional<URI> prometheus() {
                    return session.prometheus();
                }

                @Override
                public Optional<URI> grafana() {
                    return session.grafana();
                }

                @Override
                public void close() {
                    try {
                        problems = probe.apply(session);
                    } finally {
                        session.close();
                    }
                }
            };
        }
    }

    private List<String> probeUntilComplete(URI prometheus, Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> problems = missing(prometheus);
        while (!problems.isEmpty() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(500); // the poll interval of a wait with a deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of("interrupted");
            }
            problems = missing(prometheus);
        }
        return problems;
    }

    /** Everything the stack should show that Prometheus does not (yet): empty when all is there. */
    private List<String> missing(URI prometheus) {
        List<String> problems = new ArrayList<>();
        try {
            JsonNode up = query(prometheus, "up");
            TreeSet<String> targets = new TreeSet<>();
            for (JsonNode series : up) {
                String target = series.path("metric").path("job").asText() + "/"
                        + series.path("metric").path("node").asText("-");
                targets.add(target);
                if (!series.path("value").get(1).asText().equals("1")) {
                    problems.add(
                            "up of " + target + " is " + series.path("value").get(1));
                }
            }
            TreeSet<String> expected = new TreeSet<>(List.of(PrometheusConfig.HARNESS_JOB + "/-"));
            for (int i = 1; i <= NODES; i++) {
                expected.add(PrometheusConfig.STORE_JOB + "/n" + i);
            }
            if (!targets.equals(expected)) {
                problems.add("targets " + targets + " instead of " + expected);
            }
            if (query(prometheus, "faultline_ops_total{job=\"faultline-harness\",type=\"ok\"}")
                    .isEmpty()) {
                problems.add("no ok client ops scraped from the harness");
            }
            if (query(prometheus, "faultline_raft_commit_index{job=\"faultline-store\"}")
                            .size()
                    != NODES) {
                problems.add("the commit index of fewer than " + NODES + " nodes");
            }
            for (Dashboard.Query q : Dashboard.queries(Dashboard.provisioned())) {
                if (query(prometheus, q.expr()).isEmpty()) {
                    problems.add("no data for panel \"" + q.panel() + "\" " + q.refId() + ": " + q.expr());
                }
            }
        } catch (IOException | RuntimeException e) {
            problems.add("Prometheus's API failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("interrupted");
        }
        return problems;
    }

    /** An instant query's result vector; throws when Prometheus refuses the query (a syntax error, say). */
    private JsonNode query(URI prometheus, String promql) throws IOException, InterruptedException {
        URI uri = prometheus.resolve("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200 || !body.path("status").asText().equals("success")) {
            throw new IllegalStateException(
                    "Prometheus refused " + promql + ": " + response.statusCode() + " " + response.body());
        }
        return body.path("data").path("result");
    }
}
