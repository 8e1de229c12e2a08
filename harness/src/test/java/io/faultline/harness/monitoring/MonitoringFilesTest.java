package io.faultline.harness.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.faultline.api.HostPort;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.harness.cluster.NodeId;
import io.faultline.harness.metrics.RunMetrics;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The files the monitoring stack copies into Prometheus and Grafana, read back as those programs read them. */
class MonitoringFilesTest {

    private static final String AWKWARD_NAME = "register \"quoted\" \\ back\nslash: {x}";

    private final YAMLMapper yaml = new YAMLMapper();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void prometheus_scrapes_the_harness_where_its_metrics_server_listens_and_the_nodes_from_the_targets_file()
            throws Exception {
        JsonNode config = yaml.readTree(
                PrometheusConfig.yaml("register-partition", URI.create("http://127.0.0.1:41234/metrics")));

        JsonNode harness = config.path("scrape_configs").get(0);
        assertThat(harness.path("job_name").asText()).isEqualTo(PrometheusConfig.HARNESS_JOB);
        assertThat(harness.path("metrics_path").asText()).isEqualTo("/metrics");
        assertThat(harness.path("static_configs").get(0).path("targets").get(0).asText())
                .isEqualTo("127.0.0.1:41234");
        JsonNode store = config.path("scrape_configs").get(1);
        assertThat(store.path("job_name").asText()).isEqualTo(PrometheusConfig.STORE_JOB);
        assertThat(store.path("file_sd_configs").get(0).path("files").get(0).asText())
                .isEqualTo(PrometheusConfig.NODES_FILE);
        assertThat(config.path("global").path("scrape_interval").asText()).isEqualTo("2s");
    }

    @Test
    void a_test_name_with_quotes_backslashes_and_newlines_comes_back_unchanged_from_both_files() throws Exception {
        JsonNode config = yaml.readTree(PrometheusConfig.yaml(AWKWARD_NAME, URI.create("http://127.0.0.1:1/metrics")));
        JsonNode nodes = json.readTree(
                PrometheusConfig.nodesJson(AWKWARD_NAME, Map.of(new NodeId("n1"), new HostPort("127.0.0.1", 2))));

        assertThat(config.path("scrape_configs")
                        .get(0)
                        .path("static_configs")
                        .get(0)
                        .path("labels")
                        .path("test")
                        .asText())
                .isEqualTo(AWKWARD_NAME);
        assertThat(config.path("scrape_configs"))
                .as("no line was broken into a new key")
                .hasSize(2);
        assertThat(nodes.get(0).path("labels").path("test").asText()).isEqualTo(AWKWARD_NAME);
    }

    @Test
    void every_node_is_one_target_group_labelled_with_its_id_in_id_order() throws Exception {
        Map<NodeId, HostPort> nodes = new LinkedHashMap<>();
        nodes.put(new NodeId("n3"), new HostPort("127.0.0.1", 32787));
        nodes.put(new NodeId("n1"), new HostPort("127.0.0.1", 32785));

        JsonNode groups = json.readTree(PrometheusConfig.nodesJson("t", nodes));

        assertThat(groups).hasSize(2);
        assertThat(groups.get(0).path("targets").get(0).asText()).isEqualTo("127.0.0.1:32785");
        assertThat(groups.get(0).path("labels").path("node").asText()).isEqualTo("n1");
        assertThat(groups.get(1).path("targets").get(0).asText()).isEqualTo("127.0.0.1:32787");
        assertThat(groups.get(1).path("labels").path("node").asText()).isEqualTo("n3");
        assertThat(PrometheusConfig.nodesJson("t", Map.of()))
                .as("no nodes: an empty list")
                .isEqualTo("[]");
    }

    @Test
    void grafana_gets_one_default_prometheus_datasource_and_a_provider_for_the_dashboard_folder() throws Exception {
        JsonNode datasources = yaml.readTree(Dashboard.datasourceYaml(URI.create("http://127.0.0.1:39090")));
        JsonNode providers = yaml.readTree(Dashboard.providersYaml());

        JsonNode source = datasources.path("datasources").get(0);
        assertThat(source.path("type").asText()).isEqualTo("prometheus");
        assertThat(source.path("uid").asText()).isEqualTo(Dashboard.DATASOURCE_UID);
        assertThat(source.path("url").asText()).isEqualTo("http://127.0.0.1:39090");
        assertThat(source.path("isDefault").asBoolean()).isTrue();
        assertThat(providers
                        .path("providers")
                        .get(0)
                        .path("options")
                        .path("path")
                        .asText())
                .isEqualTo(Dashboard.DASHBOARD_DIR);
        assertThat(Dashboard.DASHBOARD_FILE).startsWith(Dashboard.DASHBOARD_DIR + "/");
    }

    @Test
    void the_provisioned_dashboard_uses_the_provisioned_datasource_and_the_importable_one_asks_for_it()
            throws Exception {
        JsonNode provisioned = json.readTree(Dashboard.provisioned());
        JsonNode importable = json.readTree(Dashboard.forImport());

        assertThat(provisioned.path("uid").asText()).isEqualTo(Dashboard.UID);
        assertThat(Dashboard.provisioned()).doesNotContain("${").contains("\"" + Dashboard.DATASOURCE_UID + "\"");
        assertThat(provisioned.has("__inputs")).isFalse();
        assertThat(importable.path("__inputs").get(0).path("name").asText()).isEqualTo(Dashboard.INPUT);
        assertThat(importable
                        .path("panels")
                        .get(1)
                        .path("datasource")
                        .path("uid")
                        .asText())
                .isEqualTo("${" + Dashboard.INPUT + "}");
    }

    @Test
    void the_dashboard_queries_ops_latency_faults_and_the_store_by_job() {
        List<Dashboard.Query> queries = Dashboard.queries(Dashboard.provisioned());

        assertThat(queries)
                .extracting(Dashboard.Query::panel)
                .contains(
                        "Client ops/s by f and outcome",
                        "Latency by f (p50, p95, p99)",
                        "Active faults",
                        "Commit index by node",
                        "Term by node",
                        "Leader");
        assertThat(queries)
                .extracting(Dashboard.Query::expr)
                .allSatisfy(expr -> assertThat(expr)
                        .containsAnyOf(
                                "job=\"" + PrometheusConfig.HARNESS_JOB + "\"",
                                "job=\"" + PrometheusConfig.STORE_JOB + "\"",
                                "job=~\"faultline-.*\""));
    }

    @Test
    void every_harness_metric_the_dashboard_names_is_one_the_harness_renders() {
        RunMetrics metrics = new RunMetrics();
        List.of(
                        op(0, OpType.INVOKE, ProcessId.client(0), "read"),
                        op(1, OpType.OK, ProcessId.client(0), "read"),
                        op(2, OpType.INVOKE, ProcessId.NEMESIS, "start-partition"),
                        op(3, OpType.INFO, ProcessId.NEMESIS, "start-partition"))
                .forEach(metrics);
        String rendered = metrics.render();
        Pattern metric = Pattern.compile("(faultline_[a-z_]+)\\{job=\"" + PrometheusConfig.HARNESS_JOB + "\"");

        List<String> named = Dashboard.queries(Dashboard.provisioned()).stream()
                .map(Dashboard.Query::expr)
                .flatMap(expr -> {
                    Matcher m = metric.matcher(expr);
                    return m.results().map(r -> r.group(1));
                })
                .distinct()
                .toList();

        assertThat(named).as("harness metrics in the dashboard").hasSizeGreaterThanOrEqualTo(4);
        assertThat(named).allSatisfy(name -> assertThat(rendered).contains("\n" + name + "{"));
    }

    private long index;

    private Op op(long millis, OpType type, ProcessId process, String f) {
        return new Op(index++, millis * 1_000_000L, type, process, f, null, null, null, Map.of());
    }
}
