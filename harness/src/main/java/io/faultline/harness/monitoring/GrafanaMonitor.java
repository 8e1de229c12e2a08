package io.faultline.harness.monitoring;

import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.DockerEngine;
import io.faultline.harness.docker.ImagePull;
import io.faultline.harness.images.ImageBuilder;
import io.faultline.harness.images.PrometheusImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.testcontainers.utility.DockerImageName;

/**
 * {@code --grafana}: for each run, Prometheus (from the locally built {@link PrometheusImage}) scraping the harness and
 * every node, and Grafana with the run's {@link Dashboard} when its image is here or can be pulled. Each piece that
 * cannot run is reported as unavailable with the reason, and the run goes on: without a Docker engine there is no
 * stack at all; without a Grafana image (no registry, and Debian packages no Grafana) there is Prometheus alone. The
 * dashboard is also written into every run directory, for importing into a Grafana of one's own.
 *
 * <p>The two ports are chosen once per command, so every run of a {@code test-all} shows up at the same addresses.
 */
public final class GrafanaMonitor implements Monitor {

    /** Grafana's OSS image (Grafana publishes OSS as {@code grafana/grafana} from 12.4 on). */
    public static final String DEFAULT_GRAFANA_IMAGE = "grafana/grafana:12.4.1";

    /** A pull that has not finished by then is given up: a run never waits minutes for a registry. */
    static final Duration PULL_TIMEOUT = Duration.ofSeconds(20);

    private final String grafanaImage;
    private final Supplier<Optional<String>> whyNoEngine;
    private int prometheusPort;
    private int grafanaPort;

    public GrafanaMonitor(String grafanaImage) {
        this(grafanaImage, GrafanaMonitor::engineProblem);
    }

    /**
     * @param whyNoEngine why no Docker engine can be used, or empty when one answers (a seam for tests)
     */
    GrafanaMonitor(String grafanaImage, Supplier<Optional<String>> whyNoEngine) {
        DockerImageName.parse(grafanaImage).assertValid();
        this.grafanaImage = grafanaImage;
        this.whyNoEngine = whyNoEngine;
    }

    @Override
    public Session start(Watch watch, Consumer<String> log) {
        Path dashboard = watch.runDirectory().resolve(Dashboard.FILE_NAME);
        try {
            Files.writeString(dashboard, Dashboard.forImport());
            log.accept("Grafana dashboard to import by hand: " + dashboard);
        } catch (IOException e) {
            log.accept("could not write the dashboard to " + dashboard + ": " + e.getMessage());
        }
        Optional<String> noEngine = whyNoEngine.get();
        if (noEngine.isPresent()) {
            log.accept("Prometheus and Grafana unavailable: they run as containers, and " + noEngine.get()
                    + ". The run goes on; its live metrics are at " + watch.harnessMetrics());
            return NOTHING;
        }
        MonitoringStack stack;
        try {
            PrometheusImage image = PrometheusImage.defaultImage();
            new ImageBuilder(log).ensure(image);
            synchronized (this) {
                if (prometheusPort == 0) {
                    prometheusPort = freePort();
                    grafanaPort = freePort();
                }
            }
            stack = MonitoringStack.startPrometheus(watch, image.tag(), prometheusPort);
        } catch (RuntimeException e) {
            log.accept("Prometheus and Grafana unavailable: Prometheus did not start (" + e.getMessage()
                    + "). The run goes on; its live metrics are at " + watch.harnessMetrics());
            return NOTHING;
        }
        String prometheus = stack.prometheus().orElseThrow().toString();
        log.accept("Prometheus: " + prometheus + " (scraping the harness and "
                + watch.nodes().get().size() + " nodes every " + PrometheusConfig.SCRAPE_INTERVAL.toSeconds() + " s)");
        Optional<String> noGrafana = grafanaImageProblem();
        if (noGrafana.isPresent()) {
            log.accept("Grafana unavailable: " + noGrafana.get() + ". Prometheus: " + prometheus);
            return stack;
        }
        try {
            stack.startGrafana(grafanaImage, grafanaPort);
            log.accept("Grafana: " + stack.grafana().orElseThrow() + " (dashboard \"Faultline run\"; anonymous"
                    + " viewers, admin/admin to edit)");
        } catch (RuntimeException e) {
            log.accept("Grafana unavailable: " + grafanaImage + " did not start (" + e.getMessage() + "). Prometheus: "
                    + prometheus);
        }
        return stack;
    }

    /** Why the Grafana image cannot be used, or empty when it is here (pulled now if need be). */
    private Optional<String> grafanaImageProblem() {
        return ImagePull.ensure(grafanaImage, PULL_TIMEOUT)
                .map(why -> why + "; Debian has no grafana package to build it from");
    }

    private static Optional<String> engineProblem() {
        return Docker.available() ? Optional.empty() : Optional.of(DockerEngine.whyUnreachable());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1: " + e.getMessage(), e);
        }
    }
}
