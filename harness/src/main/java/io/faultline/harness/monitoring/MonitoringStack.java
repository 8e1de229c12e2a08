package io.faultline.harness.monitoring;

import io.faultline.api.HostPort;
import io.faultline.harness.cluster.NodeId;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.Leftovers;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.utility.DockerImageName;

/**
 * Prometheus, and Grafana when its image is here, as containers on the host's network listening on 127.0.0.1 only:
 * so Prometheus reaches the harness's metrics server and every node's published HTTP port exactly as the harness does,
 * on both runtimes, and nothing listens beyond loopback. Configuration is copied into the containers (no bind
 * mounts). While the session lasts, the node targets are rewritten whenever a node's address changes. The containers
 * carry {@link Leftovers#labels labels}, so a later run removes them if this JVM dies first.
 */
final class MonitoringStack implements Monitor.Session {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoringStack.class);
    private static final Duration STARTUP = Duration.ofSeconds(60);
    /** Where Prometheus keeps its data inside its container. */
    static final String TSDB = "/var/lib/faultline-prometheus";
    /** The run's metrics as Prometheus stored them, kept in {@code RUN/monitoring/} after the run. */
    static final String TSDB_ARCHIVE = "prometheus-data.tar";

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> labels = Leftovers.labels("monitoring-" + id);
    private final Monitor.Watch watch;
    private final GenericContainer<?> prometheus;
    private final URI prometheusUri;
    private final ScheduledExecutorService refresher;
    private String nodeTargets;
    private @Nullable GenericContainer<?> grafana;
    private @Nullable URI grafanaUri;

    private MonitoringStack(Monitor.Watch watch, String image, int port) {
        this.watch = watch;
        this.prometheusUri = URI.create("http://127.0.0.1:" + port);
        this.nodeTargets =
                PrometheusConfig.nodesJson(watch.test(), watch.nodes().get());
        this.prometheus = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withLabels(labels)
                .withCopyToContainer(
                        Transferable.of(PrometheusConfig.yaml(watch.test(), watch.harnessMetrics())),
                        PrometheusConfig.CONFIG_FILE)
                .withCopyToContainer(Transferable.of(nodeTargets), PrometheusConfig.NODES_FILE)
                .withCommand(
                        "--config.file=" + PrometheusConfig.CONFIG_FILE,
                        "--web.listen-address=127.0.0.1:" + port,
                        "--storage.tsdb.path=" + TSDB,
                        "--storage.tsdb.retention.time=1d")
                .withCreateContainerCmdModifier(cmd -> cmd.withName("faultline-" + id + "-prometheus"))
                .waitingFor(Wait.forLogMessage(".*Server is ready to receive web requests.*", 1)
                        .withStartupTimeout(STARTUP));
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "faultline-monitoring-targets");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts Prometheus from {@code image} on 127.0.0.1:{@code port} and waits until it serves. */
    static MonitoringStack startPrometheus(Monitor.Watch watch, String image, int port) {
        MonitoringStack stack = new MonitoringStack(watch, image, port);
        try {
            stack.prometheus.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        long every = PrometheusConfig.SCRAPE_INTERVAL.toMillis();
        stack.refresher.scheduleWithFixedDelay(stack::refreshTargets, every, every, TimeUnit.MILLISECONDS);
        return stack;
    }

    /**
     * Starts Grafana from {@code image} on 127.0.0.1:{@code port}, provisioned with this Prometheus and the run's
     * dashboard (its home page), anonymous users as viewers; removes it again if it does not come up.
     */
    void startGrafana(String image, int port) {
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode("host")
                .withLabels(labels)
                .withEnv(Map.of(
                        "GF_SERVER_HTTP_ADDR", "127.0.0.1",
                        "GF_SERVER_HTTP_PORT", Integer.toString(port),
                        "GF_AUTH_ANONYMOUS_ENABLED", "true",
                        "GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer",
                        "GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH", Dashboard.DASHBOARD_FILE,
                        "GF_ANALYTICS_REPORTING_ENABLED", "false",
                        "GF_ANALYTICS_CHECK_FOR_UPDATES", "false",
                        "GF_PLUGINS_PREINSTALL_DISABLED", "true"))
                .withCopyToContainer(
                        Transferable.of(Dashboard.datasourceYaml(prometheusUri)), Dashboard.DATASOURCES_FILE)
                .withCopyToContainer(Transferable.of(Dashboard.providersYaml()), Dashboard.PROVIDERS_FILE)
                .withCopyToContainer(Transferable.of(Dashboard.provisioned()), Dashboard.DASHBOARD_FILE)
                .withCreateContainerCmdModifier(cmd -> cmd.withName("faultline-" + id + "-grafana"))
                .waitingFor(Wait.forLogMessage(".*HTTP Server Listen.*", 1).withStartupTimeout(STARTUP));
        try {
            container.start();
        } catch (RuntimeException e) {
            remove(container, "grafana");
            throw e;
        }
        grafana = container;
        grafanaUri = URI.create("http://127.0.0.1:" + port + "/d/" + Dashboard.UID);
    }

    /** Copies the node targets into Prometheus when an address changed (a restarted container's new port). */
    private synchronized void refreshTargets() {
        try {
            Map<NodeId, HostPort> nodes = watch.nodes().get();
            String json = PrometheusConfig.nodesJson(watch.test(), nodes);
            if (!json.equals(nodeTargets)) {
                prometheus.copyFileToContainer(Transferable.of(json), PrometheusConfig.NODES_FILE);
                nodeTargets = json;
                LOG.info("Prometheus now scrapes nodes at {}", nodes);
            }
        } catch (RuntimeException e) {
            LOG.warn("could not update Prometheus's node targets: {}", e.getMessage());
        }
    }

    @Override
    public Optional<URI> prometheus() {
        return Optional.of(prometheusUri);
    }

    @Override
    public Optional<URI> grafana() {
        return Optional.ofNullable(grafanaUri);
    }

    /**
     * Stops the target updates, keeps both logs and Prometheus's data ({@value #TSDB_ARCHIVE}) under {@code
     * RUN/monitoring/}, and removes the containers.
     */
    @Override
    public void close() {
        refresher.shutdownNow();
        if (grafana != null) {
            remove(grafana, "grafana");
        }
        keepData();
        remove(prometheus, "prometheus");
    }

    /**
     * Stops Prometheus gracefully (so it writes out what it holds in memory) and copies its data directory out as a
     * tar: {@code tar xf prometheus-data.tar && prometheus --storage.tsdb.path=faultline-prometheus} shows the run's
     * metrics again later, in Prometheus or a Grafana pointed at it.
     */
    private void keepData() {
        String id = prometheus.getContainerId();
        if (id == null) {
            return;
        }
        Path archive = watch.runDirectory().resolve("monitoring").resolve(TSDB_ARCHIVE);
        try {
            Files.createDirectories(archive.getParent());
            Docker.client().stopContainerCmd(id).withTimeout(10).exec();
            try (InputStream tar =
                    Docker.client().copyArchiveFromContainerCmd(id, TSDB).exec()) {
                Files.copy(tar, archive, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not keep Prometheus's data in {}: {}", archive, e.getMessage());
        }
    }

    private void remove(GenericContainer<?> container, String name) {
        if (container.getContainerId() == null) {
            return;
        }
        try {
            Path dir = watch.runDirectory().resolve("monitoring");
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(name + ".log"), container.getLogs());
        } catch (IOException | RuntimeException e) {
            // the log is a convenience; removing the container matters more
        }
        try {
            container.stop();
        } catch (RuntimeException e) {
            LOG.warn("could not remove the {} container of the monitoring stack: {}", name, e.getMessage());
        }
    }
}
