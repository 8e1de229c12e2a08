package io.faultline.harness.monitoring;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Grafana dashboard of a run (a resource: client ops/s by f and outcome, latency quantiles by f, active faults,
 * nemesis ops, and the store's commit index, term, leader, request and peer-message rates by node), in the two forms
 * it is used in: {@link #provisioned()} for the Grafana the stack starts, bound to the datasource {@link #DATASOURCE_UID}
 * that {@link #datasourceYaml} provisions, and {@link #forImport()} for a person importing it into their own Grafana,
 * where the import dialog asks which Prometheus to use. Plus the provisioning files that make Grafana load both.
 */
public final class Dashboard {

    /** The dashboard's uid: Grafana serves it at {@code /d/faultline-run}. */
    public static final String UID = "faultline-run";
    /** The uid of the provisioned Prometheus datasource. */
    public static final String DATASOURCE_UID = "faultline-prometheus";
    /** The file name the dashboard gets in a run directory. */
    public static final String FILE_NAME = "grafana-dashboard.json";

    static final String RESOURCE = "/faultline/monitoring/dashboard.json";
    /** The import input the resource names its datasource by. */
    static final String INPUT = "DS_PROMETHEUS";

    /** Where Grafana reads its provisioning and the dashboard inside its container. */
    static final String DATASOURCES_FILE = "/etc/grafana/provisioning/datasources/faultline.yaml";

    static final String PROVIDERS_FILE = "/etc/grafana/provisioning/dashboards/faultline.yaml";
    static final String DASHBOARD_DIR = "/etc/grafana/dashboards/faultline";
    static final String DASHBOARD_FILE = DASHBOARD_DIR + "/" + FILE_NAME;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One query of a panel. */
    public record Query(String panel, String refId, String expr) {}

    private Dashboard() {}

    /** The dashboard bound to the provisioned datasource. */
    public static String provisioned() {
        return resource().replace("${" + INPUT + "}", DATASOURCE_UID);
    }

    /** The dashboard with an {@code __inputs} section, so Grafana's import asks for the Prometheus datasource. */
    public static String forImport() {
        try {
            ObjectNode dashboard = (ObjectNode) JSON.readTree(resource());
            ObjectNode input = JSON.createObjectNode()
                    .put("name", INPUT)
                    .put("label", "Prometheus")
                    .put(
                            "description",
                            "The Prometheus that scraped the run (job faultline-harness and faultline-store)")
                    .put("type", "datasource")
                    .put("pluginId", "prometheus")
                    .put("pluginName", "Prometheus");
            dashboard.putArray("__inputs").add(input);
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(dashboard) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(RESOURCE + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Every query of every panel (rows included) of a dashboard, in panel order. */
    public static List<Query> queries(String dashboardJson) {
        List<Query> queries = new ArrayList<>();
        try {
            collect(JSON.readTree(dashboardJson).path("panels"), queries);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a dashboard must be JSON: " + e.getOriginalMessage(), e);
        }
        return queries;
    }

    private static void collect(JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(new Query(
                            panel.path("title").asText(),
                            target.path("refId").asText(),
                            target.get("expr").asText()));
                }
            }
            collect(panel.path("panels"), queries);
        }
    }

    /** Grafana's datasource provisioning: one Prometheus at {@code prometheus}, the default, with a fixed uid. */
    static String datasourceYaml(URI prometheus) {
        return """
                apiVersion: 1
                datasources:
                  - name: "Prometheus (Faultline run)"
                    uid: %s
                    type: prometheus
                    access: proxy
                    url: %s
                    isDefault: true
                    editable: false
                    jsonData:
                      timeInterval: %s
                """.formatted(
                        PrometheusConfig.quoted(DATASOURCE_UID),
                        PrometheusConfig.quoted(prometheus.toString()),
                        PrometheusConfig.quoted(PrometheusConfig.SCRAPE_INTERVAL.toSeconds() + "s"));
    }

    /** Grafana's dashboard provisioning: load the dashboards in {@link #DASHBOARD_DIR}. */
    static String providersYaml() {
        return """
                apiVersion: 1
                providers:
                  - name: "faultline"
                    type: file
                    disableDeletion: true
                    allowUiUpdates: false
                    options:
                      path: %s
                """.formatted(PrometheusConfig.quoted(DASHBOARD_DIR));
    }

    private static String resource() {
        try (InputStream in = Dashboard.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the dashboard resource " + RESOURCE + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }
}
