package io.faultline.checkers.linear;

import static io.faultline.checkers.linear.InlineHistories.check;
import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import org.junit.jupiter.api.Test;

/** Hand-written histories whose verdicts follow from the definitions, one rule each. */
class EdgeCasesTest {

    @Test
    void an_empty_history_is_linearizable() {
        LinearizabilityResult r = check("cas-register");
        assertThat(r.verdict()).as("empty history: %s", r).isEqualTo(Verdict.VALID);
        assertThat(r.operations()).as("operations").isZero();
    }

    @Test
    void a_history_with_only_nemesis_ops_is_linearizable() {
        LinearizabilityResult r = check(
                "cas-register",
                "{:process :nemesis, :type :info, :f :start, :value nil}",
                "{:process :nemesis, :type :info, :f :start, :value {\"n1\" [\"n2\"]}}");
        assertThat(r.verdict()).as("nemesis only: %s", r).isEqualTo(Verdict.VALID);
        assertThat(r.operations()).as("client operations").isZero();
    }

    @Test
    void a_read_of_nil_before_any_write_is_linearizable() {
        LinearizabilityResult r = check(
                "register",
                "{:process 0, :type :invoke, :f :read, :value nil}",
                "{:process 0, :type :ok, :f :read, :value nil}");
        assertThat(r.verdict()).as("nil read: %s", r).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_read_of_nil_after_a_completed_write_is_not_linearizable() {
        LinearizabilityResult r = check(
                "register",
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :ok, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value nil}");
        assertThat(r.verdict()).as("stale nil read: %s", r).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexample().failing().process().toString())
                .as("failing process")
                .isEqualTo("1");
    }

    @Test
    void a_read_of_a_value_never_written_is_not_linearizable() {
        LinearizabilityResult r = check(
                "register",
                "{:process 0, :type :invoke, :f :read, :value nil}",
                "{:process 0, :type :ok, :f :read, :value 7}");
        assertThat(r.verdict()).as("read from thin air: %s", r).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexample().longest()).as("nothing can be linearized").isEmpty();
    }

    @Test
    void a_read_that_starts_after_a_read_of_the_new_value_cannot_see_the_old_one() {
        LinearizabilityResult r = check(
                "register",
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 1}",
                "{:process 2, :type :invoke, :f :read, :value nil}",
                "{:process 2, :type :ok, :f :read, :value nil}",
                "{:process 0, :type :ok, :f :write, :value 1}");
        assertThat(r.verdict()).as("reads during a write: %s", r).isEqualTo(Verdict.INVALID);
    }

    @Test
    void an_info_write_may_land_long_after_it_was_invoked() {
        LinearizabilityResult r = check(
                "register",
                "{:process 0, :type :invoke, :f :write, :value 5}",
                "{:process 0, :type :info, :f :write, :value 5, :error :timeout}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value nil}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 5}");
        assertThat(r.verdict()).as("late info write: %s", r).isEqualTo(Verdict.VALID);
    }

    @Test
    void an_info_write_may_never_land() {
        LinearizabilityResult r = check(
                "register",
                "{:process 0, :type :invoke, :f :write, :value 5}",
                "{:process 0, :type :info, :f :write, :value 5}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value nil}");
        assertThat(r.verdict()).as("info write that never took effect: %s", r).isEqualTo(Verdict.VALID);
    }

    @Test
    void an_info_write_cannot_land_before_it_was_invoked() {
        LinearizabilityResult r = check(
                "register",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 5}",
                "{:process 0, :type :invoke, :f :write, :value 5}",
                "{:process 0, :type :info, :f :write, :value 5}");
        assertThat(r.verdict())
                .as("read of a value before its write began: %s", r)
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_failed_write_never_took_effect() {
        LinearizabilityResult r = check(
                "register",
                "{:process 0, :type :invoke, :f :write, :value 5}",
                "{:process 0, :type :fail, :f :write, :value 5}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 5}");
        assertThat(r.verdict()).as("read of a failed write: %s", r).isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_successful_cas_needs_the_expected_value() {
        LinearizabilityResult ok = check(
                "cas-register",
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :ok, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :cas, :value [1 2]}",
                "{:process 1, :type :ok, :f :cas, :value [1 2]}",
                "{:process 0, :type :invoke, :f :read, :value nil}",
                "{:process 0, :type :ok, :f :read, :value 2}");
        assertThat(ok.verdict()).as("cas from the current value: %s", ok).isEqualTo(Verdict.VALID);
        LinearizabilityResult bad = check(
                "cas-register",
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :ok, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :cas, :value [3 2]}",
                "{:process 1, :type :ok, :f :cas, :value [3 2]}");
        assertThat(bad.verdict())
                .as("cas from a value the register never held: %s", bad)
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_failed_cas_means_the_compare_did_not_match() {
        LinearizabilityResult ok = check(
                "cas-register",
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :ok, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :cas, :value [3 2]}",
                "{:process 1, :type :fail, :f :cas, :value [3 2]}",
                "{:process 0, :type :invoke, :f :read, :value nil}",
                "{:process 0, :type :ok, :f :read, :value 1}");
        assertThat(ok.verdict()).as("failed cas of a value not held: %s", ok).isEqualTo(Verdict.VALID);
        LinearizabilityResult bad = check(
                "cas-register",
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :ok, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :cas, :value [1 2]}",
                "{:process 1, :type :fail, :f :cas, :value [1 2]}");
        assertThat(bad.verdict())
                .as("failed cas although the value matched: %s", bad)
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void an_info_cas_may_or_may_not_have_applied() {
        String[] prefix = {
            "{:process 0, :type :invoke, :f :write, :value 1}",
            "{:process 0, :type :ok, :f :write, :value 1}",
            "{:process 1, :type :invoke, :f :cas, :value [1 2]}",
            "{:process 1, :type :info, :f :cas, :value [1 2]}",
            "{:process 0, :type :invoke, :f :read, :value nil}"
        };
        for (String seen : new String[] {"1", "2"}) {
            String[] lines = java.util.Arrays.copyOf(prefix, prefix.length + 1);
            lines[prefix.length] = "{:process 0, :type :ok, :f :read, :value " + seen + "}";
            LinearizabilityResult r = check("cas-register", lines);
            assertThat(r.verdict()).as("read %s after an info cas: %s", seen, r).isEqualTo(Verdict.VALID);
        }
    }

    @Test
    void a_history_whose_only_violation_is_at_the_very_end_is_invalid_and_names_that_op() {
        LinearizabilityResult r = check(
                "register",
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :ok, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 1}",
                "{:process 0, :type :invoke, :f :write, :value 2}",
                "{:process 0, :type :ok, :f :write, :value 2}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 2}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 1}");
        assertThat(r.verdict()).as("stale read at the end: %s", r).isEqualTo(Verdict.INVALID);
        LinearizabilityResult.Counterexample c = r.counterexample();
        assertThat(c.failing().invocationLine()).as("failing op's line").isEqualTo(9);
        assertThat(c.lastOkBefore().invocationLine()).as("last ok op before it").isEqualTo(7);
        assertThat(c.longest()).as("longest partial linearization").hasSize(4);
        assertThat(c.longest().getLast().stateAfter()).as("state it ends in").isEqualTo("2");
        assertThat(c.explanation())
                .as("explanation in words")
                .contains("process 1 read -> 1 (ok, lines 9-10) cannot be placed")
                .contains("From state 2");
    }

    @Test
    void the_op_blamed_is_the_impossible_read_not_a_later_op_that_only_follows_it() {
        LinearizabilityResult r = check(
                "register",
                "(; one EDN list with comments, as in Knossos test data",
                " {:type :invoke, :f :write, :value 0, :process 0}",
                " {:type :ok, :f :write, :value 0, :process 0}",
                " ; a read concurrent with a write of 4 sees 3, which nobody wrote",
                " {:type :invoke, :f :read, :value nil, :process 1}",
                " {:type :invoke, :f :write, :value 4, :process 2}",
                " {:type :ok, :f :read, :value 3, :process 1}",
                " {:type :ok, :f :write, :value 4, :process 2}",
                " {:type :invoke, :f :read, :value nil, :process 3}",
                " {:type :ok, :f :read, :value 4, :process 3})");
        assertThat(r.verdict()).as("verdict: %s", r).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexample().failing().output()).as("the read blamed").isEqualTo(3L);
        assertThat(r.counterexample().failing().invocationLine()).as("its line").isEqualTo(5);
    }
}
