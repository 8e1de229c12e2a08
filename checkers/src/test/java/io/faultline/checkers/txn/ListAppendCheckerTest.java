package io.faultline.checkers.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.checkers.linear.LinearizabilityChecker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ListAppendCheckerTest {

    private static final Path ELLE =
            Path.of(System.getProperty("faultline.shared", "../../shared")).resolve("data/elle/list-append");

    private final ListAppendChecker checker =
            new ListAppendChecker(LinearizabilityChecker.Options.defaults().withTimeout(Duration.ofSeconds(10)));

    private static List<Op> read(String file) {
        Path path = ELLE.resolve(file);
        assertThat(path).as("Elle's list-append corpus in shared/").exists();
        List<Op> ops = new ArrayList<>();
        try (HistoryReader reader = Histories.open(path, HistoryFormat.EDN, false)) {
            for (Op op; (op = reader.next()) != null; ) {
                ops.add(op);
            }
        }
        return ops;
    }

    /** The anomalies of Elle's corpus that one key's list shows on its own. */
    @ParameterizedTest
    @ValueSource(strings = {"G1a.edn", "G1b.edn", "internal.edn", "dirty-update.edn", "duplicate-elements-G1c.edn"})
    void single_key_anomalies_from_elles_tests_are_invalid(String file) {
        CheckResult result = checker.check(read(file));

        assertThat(result.verdict()).as("%s: %s", file, result.summary()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void the_corpus_is_where_the_tests_expect_it() throws Exception {
        try (var files = Files.list(ELLE)) {
            assertThat(files.map(p -> p.getFileName().toString())).contains("G1a.edn", "internal.edn");
        }
    }

    @Test
    void transactions_that_agree_on_every_list_are_valid_and_reads_inside_a_transaction_see_its_appends() {
        List<Op> history = new ArrayList<>();
        add(history, 0, OpType.INVOKE, txn(append("x", 1), read("x", null)));
        add(history, 1, OpType.INVOKE, txn(append("x", 2), append("y", 3)));
        add(history, 0, OpType.OK, txn(append("x", 1), read("x", List.of(1L))));
        add(history, 1, OpType.OK, txn(append("x", 2), append("y", 3)));
        add(history, 0, OpType.INVOKE, txn(read("x", null), read("y", null)));
        add(history, 0, OpType.OK, txn(read("x", List.of(1L, 2L)), read("y", List.of(3L))));

        CheckResult result = checker.check(history);

        assertThat(result.verdict()).as(result.summary()).isEqualTo(Verdict.VALID);
        assertThat(result.parts()).hasSize(2);
    }

    @Test
    void a_read_that_misses_an_append_acknowledged_before_it_began_is_invalid_and_names_its_key() {
        List<Op> history = new ArrayList<>();
        add(history, 0, OpType.INVOKE, txn(append("x", 1)));
        add(history, 0, OpType.OK, txn(append("x", 1)));
        add(history, 1, OpType.INVOKE, txn(read("x", null)));
        add(history, 1, OpType.OK, txn(read("x", List.of())));

        CheckResult result = checker.check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.parts())
                .singleElement()
                .satisfies(p -> assertThat(p.checker()).isEqualTo("key \"x\""));
    }

    private static void add(List<Op> history, int process, OpType type, Object value) {
        history.add(new Op(
                history.size(), history.size(), type, ProcessId.client(process), "txn", value, null, null, Map.of()));
    }

    private static List<Object> txn(List<?>... micros) {
        return Arrays.asList((Object[]) micros);
    }

    private static List<?> append(String key, long value) {
        return Arrays.asList("append", key, value);
    }

    private static List<?> read(String key, List<Long> value) {
        return Arrays.asList("r", key, value);
    }
}
