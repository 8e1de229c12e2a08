package io.faultline.harness.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.api.HostPort;
import io.faultline.harness.cluster.NodeId;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What Prometheus scrapes during a run, as the files the monitoring stack copies into its container: the harness's
 * live metrics as job {@value #HARNESS_JOB}, and every node's {@code /metrics} as job {@value #STORE_JOB} with a
 * {@code node} label. Nodes come from a file-based discovery file ({@link #NODES_FILE}) that the stack rewrites when a
 * node's address changes (a restarted container gets another published port). Every series carries the test name as
 * label {@code test}.
 *
 * <p>Every string in the YAML is written as a double-quoted scalar with JSON's escapes (a subset of YAML's), so a
 * test name with quotes, backslashes or newlines cannot break the file.
 */
public final class PrometheusConfig {

    /** The job of the harness's own metrics (ops, latency, faults). */
    public static final String HARNESS_JOB = "faultline-harness";
    /** The job of the nodes' metrics (the bundled store's Raft figures). */
    public static final String STORE_JOB = "faultline-store";
    /** How often every target is scraped: short, because runs are short. */
    public static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(2);

    /** Where the configuration goes inside the container. */
    static final String CONFIG_FILE = "/etc/faultline/prometheus.yml";
    /** Where the node targets go inside the container. */
    static final String NODES_FILE = "/etc/faultline/nodes.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrometheusConfig() {}

    /** {@code prometheus.yml} for a run of {@code test} whose harness serves its metrics at {@code harnessMetrics}. */
    static String yaml(String test, URI harnessMetrics) {
        String interval = SCRAPE_INTERVAL.toSeconds() + "s";
        return """
                global:
                  scrape_interval: %s
                  scrape_timeout: %s
                  evaluation_interval: %s
                scrape_configs:
                  - job_name: %s
                    metrics_path: %s
                    static_configs:
                      - targets: [%s]
                        labels:
                          test: %s
                  - job_name: %s
                    metrics_path: "/metrics"
                    file_sd_configs:
                      - files: [%s]
                        refresh_interval: 5s
                """.formatted(
                        interval,
                        interval,
                        interval,
                        quoted(HARNESS_JOB),
                        quoted(harnessMetrics.getRawPath()),
                        quoted(harnessMetrics.getHost() + ":" + harnessMetrics.getPort()),
                        quoted(test),
                        quoted(STORE_JOB),
                        quoted(NODES_FILE));
    }

    /** The node targets in Prometheus's file-based discovery format: one group per node, labelled with its id. */
    static String nodesJson(String test, Map<NodeId, HostPort> nodes) {
        List<Map<String, Object>> groups = new ArrayList<>();
        new TreeMap<>(nodes).forEach((id, address) -> {
            Map<String, Object> group = new LinkedHashMap<>();
            group.put("targets", List.of(address.toString()));
            group.put("labels", new TreeMap<>(Map.of("test", test, "node", id.name())));
            groups.add(group);
        });
        try {
            return JSON.writeValueAsString(groups);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("strings and lists always serialize", e);
        }
    }

    /** A YAML double-quoted scalar: JSON's string syntax, which YAML reads the same way. */
    static String quoted(String value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serializes", e);
        }
    }
}
