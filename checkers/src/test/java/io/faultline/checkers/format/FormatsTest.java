package io.faultline.checkers.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checkers.edn.Keyword;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.PairedHistory;
import io.faultline.checkers.history.ProcessId;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormatsTest {

    private static List<Op> readAll(String text, HistoryFormat format, boolean lenient) {
        List<Op> ops = new ArrayList<>();
        try (HistoryReader r = Histories.open(new StringReader(text), "h", format, lenient)) {
            Op op;
            while ((op = r.next()) != null) {
                ops.add(op);
            }
        }
        return ops;
    }

    private static final List<Op> SAMPLE = List.of(
            new Op(0, 10, OpType.INVOKE, ProcessId.client(0), "cas", List.of(1L, 2L), null, "n1", Map.of()),
            new Op(1, 20, OpType.INFO, ProcessId.NEMESIS, "start", null, null, null, Map.of()),
            new Op(2, 30, OpType.FAIL, ProcessId.client(0), "cas", List.of(1L, 2L), "timeout", "n1", Map.of()),
            new Op(3, 40, OpType.INVOKE, ProcessId.client(1), "get", null, null, null, Map.of("key", "k")));

    @Test
    void json_lines_written_are_read_back_unchanged() {
        StringWriter out = new StringWriter();
        try (JsonLinesWriter w = new JsonLinesWriter(out)) {
            SAMPLE.forEach(w::write);
        }
        assertThat(readAll(out.toString(), HistoryFormat.JSONL, false))
                .as("round trip")
                .isEqualTo(SAMPLE);
        assertThat(Histories.detect(out.toString(), "h")).as("detected format").isEqualTo(HistoryFormat.JSONL);
    }

    @Test
    void edn_lines_written_are_read_back_with_keyword_errors_kept() {
        StringWriter out = new StringWriter();
        try (EdnHistoryWriter w = new EdnHistoryWriter(out)) {
            SAMPLE.forEach(w::write);
        }
        assertThat(readAll(out.toString(), HistoryFormat.EDN, false))
                .as("round trip")
                .isEqualTo(SAMPLE);
        assertThat(Histories.detect(out.toString(), "h")).as("detected format").isEqualTo(HistoryFormat.EDN);
    }

    @Test
    void a_single_edn_vector_of_maps_is_streamed_op_by_op() {
        String text = "; knossos style\n[{:process 0, :type :invoke, :f :read, :value nil}\n"
                + " {:process 0, :type :ok, :f :read, :value 3}]\n";
        List<Op> ops = readAll(text, HistoryFormat.EDN, false);
        assertThat(ops).as("two ops").hasSize(2);
        assertThat(ops.get(1).value()).as("value read").isEqualTo(3L);
        assertThat(ops.get(1).index()).as("index assigned from position").isEqualTo(1);
        assertThat(Histories.detect(text, "h")).as("detected format").isEqualTo(HistoryFormat.EDN);
    }

    @Test
    void jepsen_log_lines_are_read_with_tabs_or_spaces_and_other_lines_skipped() {
        String text = "INFO  jepsen.core - Setting up\n"
                + "INFO  jepsen.util - 3\t:invoke\t:cas\t[1 2]\n"
                + "INFO  jepsen.util - 3   :info   :cas    :timed-out\n"
                + "INFO  jepsen.util - :nemesis\t:info\t:start\tnil\n";
        List<Op> ops = readAll(text, HistoryFormat.JEPSEN_LOG, false);
        assertThat(ops).as("three ops").hasSize(3);
        assertThat(ops.get(0).value()).as("cas value").isEqualTo(List.of(1L, 2L));
        assertThat(ops.get(1).value()).as("info value").isEqualTo(Keyword.of("timed-out"));
        assertThat(ops.get(2).process()).as("nemesis").isEqualTo(ProcessId.NEMESIS);
        assertThat(Histories.detect(text, "h")).as("detected format").isEqualTo(HistoryFormat.JEPSEN_LOG);
    }

    @Test
    void a_malformed_jepsen_log_line_names_the_line() {
        String text = "INFO  jepsen.util - 3\t:invoke\t:read\tnil\nINFO  jepsen.util - x :what\n";
        assertThatThrownBy(() -> readAll(text, HistoryFormat.JEPSEN_LOG, false))
                .as("bad log line")
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith("h:2: expected 'jepsen.util - <process>");
    }

    @Test
    void a_truncated_last_json_line_is_an_error_unless_lenient() {
        String text = "{\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n{\"type\":\"ok\",\"proc";
        assertThatThrownBy(() -> readAll(text, HistoryFormat.JSONL, false))
                .as("strict mode")
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageStartingWith("h:2: the last line is not a complete JSON object")
                .hasMessageContaining("--lenient");
        try (HistoryReader r = Histories.open(new StringReader(text), "h", HistoryFormat.JSONL, true)) {
            assertThat(r.next()).as("first op").isNotNull();
            assertThat(r.next()).as("truncated line skipped").isNull();
            assertThat(r.ignoredTruncation()).as("truncation reported").startsWith("h:2: the last line");
        }
    }

    @Test
    void a_bad_json_line_in_the_middle_is_an_error_even_when_lenient() {
        String text = "{\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}\n{oops\n{\"type\":\"ok\",\"process\":0,"
                + "\"f\":\"read\"}\n";
        assertThatThrownBy(() -> readAll(text, HistoryFormat.JSONL, true))
                .as("bad middle line")
                .hasMessageStartingWith("h:2: expected one JSON object per line");
    }

    @Test
    void a_truncated_edn_history_is_an_error_unless_lenient() {
        String text = "{:process 0, :type :invoke, :f :read}\n{:process 0, :type :ok, :f :re";
        assertThatThrownBy(() -> readAll(text, HistoryFormat.EDN, false))
                .as("strict mode")
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("truncated");
        assertThat(readAll(text, HistoryFormat.EDN, true))
                .as("lenient keeps the complete op")
                .hasSize(1);
    }

    @Test
    void a_missing_field_is_named_with_its_line() {
        String text = "{:process 0, :type :invoke, :f :read}\n{:process 0, :f :read}\n";
        assertThatThrownBy(() -> readAll(text, HistoryFormat.EDN, false))
                .as("missing type")
                .hasMessage("h:2: expected a 'type' field (invoke, ok, fail or info)");
    }

    @Test
    void a_bad_type_is_named() {
        String text = "{\"type\":\"done\",\"process\":0,\"f\":\"read\"}\n";
        assertThatThrownBy(() -> readAll(text, HistoryFormat.JSONL, false))
                .as("bad type")
                .hasMessageContaining("h:1: type must be one of invoke, ok, fail, info but was 'done'");
    }

    @Test
    void a_history_that_breaks_a_pairing_rule_reports_file_and_line() {
        String text = "{:process 0, :type :invoke, :f :read}\n{:process 1, :type :ok, :f :read, :value 1}\n";
        try (HistoryReader r = Histories.open(new StringReader(text), "h.edn", HistoryFormat.EDN, false)) {
            assertThatThrownBy(() -> Histories.pair(r))
                    .as("orphan completion")
                    .isInstanceOf(HistoryFormatException.class)
                    .hasMessageStartingWith("h.edn:2: a completion must follow an invocation by the same process");
        }
    }

    @Test
    void unrecognisable_content_asks_for_a_format() {
        assertThatThrownBy(() -> Histories.detect("hello world\n", "h"))
                .as("plain text")
                .hasMessageStartingWith("h:1: cannot tell the format");
    }

    @Test
    void an_empty_file_is_an_empty_history() {
        PairedHistory h;
        try (HistoryReader r = Histories.open(new StringReader(""), "h", Histories.detect("", "h"), false)) {
            h = Histories.pair(r);
        }
        assertThat(h.operations()).as("operations").isEmpty();
    }
}
