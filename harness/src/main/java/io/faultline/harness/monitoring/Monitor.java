package io.faultline.harness.monitoring;

import io.faultline.api.HostPort;
import io.faultline.harness.cluster.NodeId;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Watches a run from outside while its load runs: the test runner starts it once the cluster is up and the harness
 * serves its live metrics, and closes the session when the load is over, before the cluster goes. {@link #NONE} does
 * nothing; {@link GrafanaMonitor} runs Prometheus and Grafana.
 */
public interface Monitor {

    /**
     * What there is to watch in one run.
     *
     * @param test the test's name (a label on every series)
     * @param runDirectory the run's directory, for files a person may want afterwards
     * @param harnessMetrics the harness's live metrics ({@code http://127.0.0.1:PORT/metrics})
     * @param nodes every node's HTTP address as the harness reaches it now; asked again during the run, because a
     *     restarted container gets another published port. A node whose address cannot be read is left out.
     */
    record Watch(String test, Path runDirectory, URI harnessMetrics, Supplier<Map<NodeId, HostPort>> nodes) {}

    /** One run's monitoring; {@link #close()} stops and removes whatever it started. Never throws. */
    interface Session extends AutoCloseable {

        /** Prometheus's address while the session lasts, if one runs. */
        Optional<URI> prometheus();

        /** Grafana's address while the session lasts, if one runs. */
        Optional<URI> grafana();

        @Override
        void close();
    }

    /** A session that watches nothing. */
    Session NOTHING = new Session() {
        @Override
        public Optional<URI> prometheus() {
            return Optional.empty();
        }

        @Override
        public Optional<URI> grafana() {
            return Optional.empty();
        }

        @Override
        public void close() {}
    };

    /** No monitoring. */
    Monitor NONE = (watch, log) -> NOTHING;

    /**
     * Starts watching. Never fails the run: what cannot be started is reported through {@code log} as unavailable,
     * with the reason.
     */
    Session start(Watch watch, Consumer<String> log);
}
