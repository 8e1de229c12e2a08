package io.faultline.checkers.txn;

import static io.faultline.checkers.txn.ListAppendCheckerTest.analysis;
import static io.faultline.checkers.txn.ListAppendCheckerTest.check;
import static io.faultline.checkers.txn.ListAppendCheckerTest.edn;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Op;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Small histories of our own, one per anomaly, and valid ones, for the list-append checker. */
class ListAppendAnomaliesTest {

    private static String inv(int p, String txn) {
        return "{:type :invoke, :process " + p + ", :f :txn, :value " + txn + "}\n";
    }

    private static String ok(int p, String txn) {
        return "{:type :ok, :process " + p + ", :f :txn, :value " + txn + "}\n";
    }

    private static String both(int p, String invoked, String completed) {
        return inv(p, invoked) + ok(p, completed);
    }

    @Test
    void a_serial_history_with_reads_is_strict_serializable() {
        List<Op> h = edn(both(0, "[[:append :x 1]]", "[[:append :x 1]]")
                + both(1, "[[:r :x nil] [:append :x 2]]", "[[:r :x [1]] [:append :x 2]]")
                + both(0, "[[:r :x nil] [:r :y nil]]", "[[:r :x [1 2]] [:r :y []]]"));

        CheckResult r = check(h);

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(analysis(r).anomalyTypes()).isEmpty();
        assertThat(analysis(r).not()).isEmpty();
    }

    @Test
    void appends_that_nobody_read_prove_nothing() {
        List<Op> h = edn(both(0, "[[:append :x 1]]", "[[:append :x 1]]"));

        CheckResult r = check(h);

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.UNKNOWN);
        assertThat(analysis(r).anomalyTypes()).containsExactly("empty-transaction-graph");
    }

    @Test
    void write_skew_is_G2_item_which_snapshot_isolation_allows_and_serializability_does_not() {
        List<Op> h = edn(inv(0, "[[:r :x nil] [:append :y 1]]")
                + inv(1, "[[:r :y nil] [:append :x 1]]")
                + ok(0, "[[:r :x []] [:append :y 1]]")
                + ok(1, "[[:r :y []] [:append :x 1]]")
                + both(2, "[[:r :x nil] [:r :y nil]]", "[[:r :x [1]] [:r :y [1]]]"));

        CheckResult si = check(h, "snapshot-isolation");
        CheckResult serializable = check(h, "serializable");

        assertThat(si.verdict()).as(si.summary()).isEqualTo(Verdict.VALID);
        assertThat(serializable.verdict()).as(serializable.summary()).isEqualTo(Verdict.INVALID);
        assertThat(analysis(serializable).anomalyTypes()).containsExactly("G2-item");
        assertThat(analysis(serializable).not()).containsExactly("repeatable-read");
        assertThat(analysis(serializable).anomalies().getFirst().cycle())
                .extracting(Anomaly.Step::kind)
                .containsExactly(DependencyKind.RW, DependencyKind.RW);
    }

    @Test
    void a_long_fork_is_G_nonadjacent_item_which_snapshot_isolation_forbids_and_causal_allows() {
        List<Op> h = edn(inv(0, "[[:r :x nil] [:r :y nil]]")
                + inv(1, "[[:append :x 1]]")
                + inv(2, "[[:r :x nil] [:r :y nil]]")
                + inv(3, "[[:append :y 1]]")
                + ok(0, "[[:r :x []] [:r :y [1]]]")
                + ok(1, "[[:append :x 1]]")
                + ok(2, "[[:r :x [1]] [:r :y []]]")
                + ok(3, "[[:append :y 1]]"));

        CheckResult si = check(h, "snapshot-isolation");
        CheckResult causal = check(h, "causal");

        assertThat(si.verdict()).as(si.summary()).isEqualTo(Verdict.INVALID);
        assertThat(causal.verdict()).as(causal.summary()).isEqualTo(Verdict.VALID);
        assertThat(analysis(si).anomalyTypes()).containsExactly("G-nonadjacent-item");
        assertThat(analysis(si).not()).containsExactlyInAnyOrder("repeatable-read", "snapshot-isolation");
        assertThat(analysis(si).anomalies().getFirst().cycle())
                .extracting(Anomaly.Step::kind)
                .containsExactly(DependencyKind.RW, DependencyKind.WR, DependencyKind.RW, DependencyKind.WR);
    }

    @Test
    void read_skew_is_G_single_item_which_rules_out_snapshot_isolation() {
        List<Op> h = edn(inv(1, "[[:r :x nil] [:r :y nil]]")
                + both(0, "[[:append :x 1] [:append :y 1]]", "[[:append :x 1] [:append :y 1]]")
                + ok(1, "[[:r :x []] [:r :y [1]]]")
                + both(2, "[[:r :x nil]]", "[[:r :x [1]]]"));

        CheckResult r = check(h, "snapshot-isolation");

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(analysis(r).anomalyTypes()).containsExactly("G-single-item");
        assertThat(r.summary()).contains("T1 appended 1 to \"x\" after T0 read \"x\" = []");
    }

    @Test
    void two_transactions_appending_after_reading_the_same_version_is_a_lost_update() {
        List<Op> h = edn(both(0, "[[:append :x 0]]", "[[:append :x 0]]")
                + inv(1, "[[:r :x nil] [:append :x 1]]")
                + inv(2, "[[:r :x nil] [:append :x 2]]")
                + ok(1, "[[:r :x [0]] [:append :x 1]]")
                + ok(2, "[[:r :x [0]] [:append :x 2]]")
                + both(3, "[[:r :x nil]]", "[[:r :x [0 1 2]]]"));

        ListAppendAnalysis a = analysis(check(h));

        assertThat(a.anomalyTypes()).contains("lost-update", "G-single-item");
        assertThat(a.not()).containsExactly("cursor-stability");
    }

    @Test
    void one_transaction_reading_a_key_twice_before_appending_is_no_lost_update() {
        List<Op> h = edn(both(0, "[[:r :x nil] [:r :x nil] [:append :x 1]]", "[[:r :x []] [:r :x []] [:append :x 1]]")
                + both(1, "[[:r :x nil]]", "[[:r :x [1]]]"));

        CheckResult r = check(h);

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
    }

    @Test
    void reads_that_no_single_order_of_appends_explains_are_an_incompatible_order() {
        List<Op> h = edn(both(0, "[[:append :x 1]]", "[[:append :x 1]]")
                + both(1, "[[:append :x 2]]", "[[:append :x 2]]")
                + both(2, "[[:r :x nil]]", "[[:r :x [1]]]")
                + both(3, "[[:r :x nil]]", "[[:r :x [2]]]"));

        ListAppendAnalysis a = analysis(check(h));

        assertThat(a.anomalyTypes()).contains("incompatible-order");
        assertThat(a.not()).containsExactly("read-committed");
    }

    @Test
    void a_cycle_through_process_order_is_G1c_process_which_serializability_allows() {
        List<Op> h = edn(inv(1, "[[:r :y nil] [:append :x 1]]")
                + both(0, "[[:r :x nil]]", "[[:r :x [1]]]")
                + both(0, "[[:append :y 1]]", "[[:append :y 1]]")
                + ok(1, "[[:r :y [1]] [:append :x 1]]"));

        CheckResult serializable = check(h, "serializable");
        CheckResult session = check(h, "strong-session-serializable");

        assertThat(serializable.verdict()).as(serializable.summary()).isEqualTo(Verdict.VALID);
        assertThat(session.verdict()).as(session.summary()).isEqualTo(Verdict.INVALID);
        assertThat(analysis(session).anomalyTypes()).containsExactly("G1c-process");
        assertThat(analysis(session).not()).containsExactly("strong-session-read-committed");
        assertThat(analysis(session).anomalies().getFirst().cycle())
                .extracting(Anomaly.Step::kind)
                .contains(DependencyKind.PROCESS, DependencyKind.WR);
    }

    @Test
    void an_element_appended_twice_to_a_key_makes_the_history_undecidable_not_invalid() {
        List<Op> h = edn(both(0, "[[:append :x 1]]", "[[:append :x 1]]")
                + both(1, "[[:append :x 1]]", "[[:append :x 1]]")
                + both(2, "[[:r :x nil]]", "[[:r :x [1 1]]]"));

        CheckResult r = check(h);

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("at most once per key");
    }

    @Test
    void an_info_transaction_whose_append_was_read_takes_part_in_the_graph() {
        List<Op> h = edn(inv(0, "[[:append :x 1]]")
                + "{:type :info, :process 0, :f :txn, :value [[:append :x 1]]}\n"
                + both(1, "[[:r :x nil]]", "[[:r :x [1]]]")
                + both(2, "[[:r :x nil]]", "[[:r :x []]]"));

        CheckResult r = check(h);

        // p2 read [] after p1 had read [1]: with real time, T2 < T0 (rw) and T0 < T1 (wr) < T2 (realtime).
        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(analysis(r).anomalyTypes()).containsExactly("G-single-item-realtime");
    }

    @Test
    void an_ok_read_of_nil_is_a_read_of_the_empty_list_as_in_elle() {
        // Elle files an ok [:r k nil] under the initial state, as [:r k []] (list_append.clj, read-index). Here the
        // read comes after the append of 1 completed: a stale read, whether written nil or [].
        for (String empty : List.of("nil", "[]")) {
            List<Op> h = edn(both(0, "[[:append :x 1]]", "[[:append :x 1]]")
                    + both(1, "[[:r :x nil]]", "[[:r :x " + empty + "]]")
                    + both(2, "[[:r :x nil]]", "[[:r :x [1]]]"));

            CheckResult r = check(h);

            assertThat(r.verdict()).as(empty + ": " + r.summary()).isEqualTo(Verdict.INVALID);
            assertThat(analysis(r).anomalyTypes()).as(empty).contains("G-single-item-realtime");
        }
    }

    @Test
    void an_ok_read_of_nil_after_the_transactions_own_append_is_internal() {
        // Elle's op-int-case compares the read with the expected [.. 1]: nil is not it.
        List<Op> h = edn(both(0, "[[:append :x 1] [:r :x nil]]", "[[:append :x 1] [:r :x nil]]"));

        CheckResult r = check(h);

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(analysis(r).anomalyTypes()).contains("internal");
    }

    @Test
    void an_info_transactions_read_of_nil_is_still_unknown() {
        List<Op> h = edn(both(0, "[[:append :x 1]]", "[[:append :x 1]]")
                + inv(1, "[[:r :x nil]]")
                + "{:type :info, :process 1, :f :txn, :value [[:r :x nil]]}\n"
                + both(2, "[[:r :x nil]]", "[[:r :x [1]]]"));

        CheckResult r = check(h);

        assertThat(r.verdict()).as(r.summary()).isNotEqualTo(Verdict.INVALID);
    }
}
