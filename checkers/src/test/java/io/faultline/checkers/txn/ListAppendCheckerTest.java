package io.faultline.checkers.txn;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.TestData;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.history.Op;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Elle's list-append corpus with the verdicts its tests assert (testdata/elle/EXPECTED.txt). */
class ListAppendCheckerTest {

    static final Path ELLE = TestData.of("elle/list-append");

    static List<Op> read(Path path) {
        assertThat(path).as("Elle's list-append corpus in testdata/").exists();
        try (HistoryReader reader = Histories.open(path, HistoryFormat.EDN, false)) {
            return drain(reader);
        }
    }

    static List<Op> edn(String text) {
        try (HistoryReader reader = Histories.open(new StringReader(text), "inline", HistoryFormat.EDN, false)) {
            return drain(reader);
        }
    }

    private static List<Op> drain(HistoryReader reader) {
        List<Op> ops = new ArrayList<>();
        for (Op op; (op = reader.next()) != null; ) {
            ops.add(op);
        }
        return ops;
    }

    static CheckResult check(List<Op> history, String... models) {
        List<ConsistencyModel> ms =
                Arrays.stream(models).map(ConsistencyModel::byLabel).toList();
        return (models.length == 0 ? new ListAppendChecker() : new ListAppendChecker(ms)).check(history);
    }

    static ListAppendAnalysis analysis(CheckResult r) {
        assertThat(r.details()).as(r.summary()).isInstanceOf(ListAppendAnalysis.class);
        return (ListAppendAnalysis) r.details();
    }

    /** file, models checked (empty = default), verdict, anomalies that must be among those found, Elle's :not. */
    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("G0.edn", "", Verdict.INVALID, "G0", "read-uncommitted"),
                Arguments.of("G0.edn", "read-uncommitted", Verdict.INVALID, "G0", "read-uncommitted"),
                Arguments.of(
                        "G1a.edn", "read-committed", Verdict.INVALID, "G1a empty-transaction-graph", "read-committed"),
                Arguments.of("G1a.edn", "read-uncommitted", Verdict.UNKNOWN, "G1a", "read-committed"),
                Arguments.of("G1b.edn", "", Verdict.INVALID, "G-single-item G1b", "read-committed"),
                Arguments.of("G1c.edn", "", Verdict.INVALID, "G1c", "read-committed"),
                Arguments.of(
                        "strong-SI-realtime.edn",
                        "serializable",
                        Verdict.VALID,
                        "G-single-item-realtime",
                        "strong-snapshot-isolation"),
                Arguments.of(
                        "strong-SI-realtime.edn",
                        "",
                        Verdict.INVALID,
                        "G-single-item-realtime",
                        "strong-snapshot-isolation"),
                Arguments.of("internal.edn", "", Verdict.INVALID, "internal", "read-uncommitted"),
                Arguments.of("dirty-update.edn", "", Verdict.INVALID, "dirty-update", "read-committed"),
                Arguments.of(
                        "duplicate-elements-G1c.edn",
                        "read-committed",
                        Verdict.INVALID,
                        "G1c duplicate-elements",
                        "read-uncommitted"),
                Arguments.of("readme-example-G1c.edn", "serializable", Verdict.INVALID, "G1c", "read-committed"));
    }

    @ParameterizedTest(name = "{0} against [{1}] is {2} with {3}, not {4}")
    @MethodSource("corpus")
    void elles_corpus_gets_the_verdict_anomalies_and_ruled_out_models_elle_gives(
            String file, String models, Verdict verdict, String anomalies, String not) {
        CheckResult r = check(read(ELLE.resolve(file)), models.isEmpty() ? new String[0] : models.split(" "));
        ListAppendAnalysis a = analysis(r);

        assertThat(r.verdict()).as("%s: %s", file, r.summary()).isEqualTo(verdict);
        assertThat(a.anomalyTypes()).as(r.summary()).containsAll(List.of(anomalies.split(" ")));
        assertThat(a.not())
                .as(r.summary())
                .containsExactlyInAnyOrderElementsOf(not.isEmpty() ? List.of() : List.of(not.split(" ")));
    }

    @Test
    void the_strong_si_example_has_exactly_one_cycle_of_a_realtime_edge_and_an_rw_edge() {
        CheckResult r = check(read(ELLE.resolve("strong-SI-realtime.edn")));
        ListAppendAnalysis a = analysis(r);

        assertThat(a.anomalyTypes()).containsExactly("G-single-item-realtime");
        Anomaly cycle = a.anomalies().getFirst();
        assertThat(cycle.cycle())
                .extracting(Anomaly.Step::kind)
                .containsExactlyInAnyOrder(DependencyKind.REALTIME, DependencyKind.RW);
        assertThat(cycle.explanation()).contains("T1 appended 2 to \"x\" after T2 read \"x\" = [1]");
    }

    @Test
    void the_readme_example_also_rules_out_serializable_and_snapshot_isolation() {
        ListAppendAnalysis a = analysis(check(read(ELLE.resolve("readme-example-G1c.edn")), "serializable"));

        assertThat(a.alsoNot())
                .contains("serializable", "snapshot-isolation", "strong-session-serializable", "strict-serializable")
                .doesNotContain("read-committed", "read-uncommitted");
    }

    @Test
    void the_corpus_is_where_the_tests_expect_it() throws Exception {
        try (var files = Files.list(ELLE)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .contains("G0.edn", "G1a.edn", "G1b.edn", "G1c.edn", "internal.edn", "strong-SI-realtime.edn");
        }
    }
}
