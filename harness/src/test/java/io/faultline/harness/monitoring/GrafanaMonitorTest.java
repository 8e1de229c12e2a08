package io.faultline.harness.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import io.faultline.harness.run.RunResult;
import io.faultline.harness.run.TestRunner;
import io.faultline.harness.run.TestSpec;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --grafana} where nothing of it can run: it says so, and the run is unaffected. */
class GrafanaMonitorTest {

    @TempDir
    Path store;

    private static final String NO_ENGINE = "no Docker engine socket at /nowhere/docker.sock: install and start one";

    @Test
    void without_a_docker_engine_the_whole_stack_is_reported_unavailable_and_the_run_still_checks_out()
            throws Exception {
        StringWriter out = new StringWriter();
        GrafanaMonitor monitor = new GrafanaMonitor(GrafanaMonitor.DEFAULT_GRAFANA_IMAGE, () -> Optional.of(NO_ENGINE));
        TestSpec spec = TestSpec.demo(store, 7)
                .withName("grafana-without-docker")
                .with("register", "none", List.of())
                .withLoad("in-memory", 1, 2, 200)
                .withTiming(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));

        RunResult run = new TestRunner(new PrintWriter(out, true), null, monitor).run(spec);

        assertThat(run.verdict()).as(out.toString()).isEqualTo(Verdict.VALID);
        assertThat(out.toString())
                .as("a monitor implies live metrics on some free port")
                .containsPattern("metrics at http://127\\.0\\.0\\.1:\\d+/metrics")
                .contains("Prometheus and Grafana unavailable: they run as containers, and " + NO_ENGINE)
                .contains("The run goes on; its live metrics are at http://127.0.0.1:");
        Path dashboard = run.directory().resolve(Dashboard.FILE_NAME);
        assertThat(out.toString()).contains("Grafana dashboard to import by hand: " + dashboard);
        assertThat(Files.readString(dashboard))
                .as("the importable dashboard is in the run directory")
                .isEqualTo(Dashboard.forImport());
        assertThat(Files.readString(run.directory().resolve("harness.log")))
                .as("the harness log keeps the same lines")
                .contains("Prometheus and Grafana unavailable");
    }

    @Test
    void a_session_without_an_engine_has_no_addresses() throws Exception {
        Monitor.Session session = new GrafanaMonitor("grafana/grafana:12.4.1", () -> Optional.of(NO_ENGINE))
                .start(
                        new Monitor.Watch(
                                "t", store, java.net.URI.create("http://127.0.0.1:1/metrics"), java.util.Map::of),
                        line -> {});

        assertThat(session.prometheus()).isEmpty();
        assertThat(session.grafana()).isEmpty();
        session.close();
    }
}
