package io.faultline.harness.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Live run metrics as Prometheus reads them. */
class RunMetricsTest {

    private final RunMetrics metrics = new RunMetrics();
    private long index;

    private void op(long millis, OpType type, ProcessId process, String f) {
        metrics.accept(new Op(index++, millis * 1_000_000L, type, process, f, null, null, null, Map.of()));
    }

    @Test
    void client_ops_are_counted_by_function_and_outcome_with_their_latency() {
        op(0, OpType.INVOKE, ProcessId.client(0), "read");
        op(3, OpType.OK, ProcessId.client(0), "read");
        op(3, OpType.INVOKE, ProcessId.client(1), "write");
        op(2003, OpType.INFO, ProcessId.client(1), "write");

        String text = metrics.render();

        assertThat(text)
                .contains("faultline_ops_total{f=\"read\",type=\"invoke\"} 1")
                .contains("faultline_ops_total{f=\"read\",type=\"ok\"} 1")
                .contains("faultline_ops_total{f=\"write\",type=\"info\"} 1")
                .as("a 3 ms read falls in the 5 ms bucket, not the 1 ms one")
                .contains("faultline_op_latency_seconds_bucket{f=\"read\",type=\"ok\",le=\"0.001\"} 0")
                .contains("faultline_op_latency_seconds_bucket{f=\"read\",type=\"ok\",le=\"0.005\"} 1")
                .as("a 2 s write that timed out")
                .contains("faultline_op_latency_seconds_bucket{f=\"write\",type=\"info\",le=\"1.0\"} 0")
                .contains("faultline_op_latency_seconds_bucket{f=\"write\",type=\"info\",le=\"2.5\"} 1")
                .contains("faultline_op_latency_seconds_count{f=\"write\",type=\"info\"} 1");
    }

    @Test
    void a_fault_is_active_from_its_start_op_until_the_op_that_ends_it() {
        op(0, OpType.INVOKE, ProcessId.NEMESIS, "start-partition");
        op(1, OpType.INFO, ProcessId.NEMESIS, "start-partition");
        String during = metrics.render();
        op(2, OpType.INVOKE, ProcessId.NEMESIS, "stop-partition");
        op(3, OpType.INFO, ProcessId.NEMESIS, "stop-partition");
        String after = metrics.render();

        assertThat(during).contains("faultline_fault_active{kind=\"partition\"} 1");
        assertThat(after)
                .contains("faultline_fault_active{kind=\"partition\"} 0")
                .contains("faultline_nemesis_ops_total{f=\"start-partition\"} 1");
    }

    @Test
    void a_window_a_plugin_nemesis_declares_is_live_from_its_start_op_to_its_stop_op() {
        RunMetrics declared = new RunMetrics(io.faultline.checkers.history.FaultVocabulary.with(java.util.List.of(
                new io.faultline.checkers.history.FaultWindowKind("replica-lag", "start-lag", "stop-lag"))));
        declared.accept(new Op(0, 0, OpType.INVOKE, ProcessId.NEMESIS, "start-lag", null, null, null, Map.of()));
        declared.accept(new Op(1, 1, OpType.INFO, ProcessId.NEMESIS, "start-lag", null, null, null, Map.of()));
        String during = declared.render();
        declared.accept(new Op(2, 2, OpType.INVOKE, ProcessId.NEMESIS, "stop-lag", null, null, null, Map.of()));
        declared.accept(new Op(3, 3, OpType.INFO, ProcessId.NEMESIS, "stop-lag", null, null, null, Map.of()));

        assertThat(during).contains("faultline_fault_active{kind=\"replica-lag\"} 1");
        assertThat(declared.render()).contains("faultline_fault_active{kind=\"replica-lag\"} 0");
        assertThat(metrics.render()).as("metrics without the declaration").doesNotContain("replica-lag");
    }

    @Test
    void the_server_answers_prometheus_with_the_text_format() throws Exception {
        op(0, OpType.INVOKE, ProcessId.client(0), "read");
        try (MetricsServer server = MetricsServer.start(metrics, new InetSocketAddress("127.0.0.1", 0));
                HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response =
                    http.send(HttpRequest.newBuilder(server.uri()).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type"))
                    .hasValueSatisfying(t -> assertThat(t).startsWith("text/plain; version=0.0.4"));
            assertThat(response.body()).contains("faultline_ops_total{f=\"read\",type=\"invoke\"} 1");
        }
    }
}
