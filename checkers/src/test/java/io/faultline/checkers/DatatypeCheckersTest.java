package io.faultline.checkers;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The set and counter checkers on small histories whose verdicts are known by construction. */
class DatatypeCheckersTest {

    private final List<Op> history = new ArrayList<>();

    private DatatypeCheckersTest op(int process, OpType type, String f, Object value) {
        history.add(new Op(
                history.size(), history.size(), type, ProcessId.client(process), f, value, null, null, Map.of()));
        return this;
    }

    @Test
    void a_set_whose_final_read_holds_every_acknowledged_add_is_valid() {
        op(0, OpType.INVOKE, "add", 1L)
                .op(0, OpType.OK, "add", 1L)
                .op(1, OpType.INVOKE, "add", 2L)
                .op(1, OpType.INFO, "add", null)
                .op(0, OpType.INVOKE, "read", null)
                .op(0, OpType.OK, "read", List.of(1L, 2L));

        CheckResult result = new SetChecker().check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.VALID);
        assertThat((SetChecker.Outcome) result.details())
                .extracting(SetChecker.Outcome::recovered)
                .isEqualTo(1);
    }

    @Test
    void an_acknowledged_add_missing_from_the_final_read_is_lost() {
        op(0, OpType.INVOKE, "add", 1L)
                .op(0, OpType.OK, "add", 1L)
                .op(1, OpType.INVOKE, "add", 2L)
                .op(1, OpType.OK, "add", 2L)
                .op(0, OpType.INVOKE, "read", null)
                .op(0, OpType.OK, "read", List.of(2L));

        CheckResult result = new SetChecker().check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.summary()).contains("1 acknowledged adds lost: [1]");
    }

    @Test
    void an_element_read_that_nobody_added_is_unexpected() {
        op(0, OpType.INVOKE, "add", 1L)
                .op(0, OpType.OK, "add", 1L)
                .op(0, OpType.INVOKE, "read", null)
                .op(0, OpType.OK, "read", List.of(1L, 99L));

        assertThat(new SetChecker().check(history).summary()).contains("unexpected elements read: [99]");
    }

    @Test
    void a_set_never_read_proves_nothing() {
        op(0, OpType.INVOKE, "add", 1L).op(0, OpType.OK, "add", 1L);

        assertThat(new SetChecker().check(history).verdict()).isEqualTo(Verdict.UNKNOWN);
    }

    @Test
    void a_counter_read_between_acknowledged_and_attempted_adds_is_valid() {
        op(0, OpType.INVOKE, "add", 3L)
                .op(0, OpType.OK, "add", 3L)
                .op(1, OpType.INVOKE, "add", 4L)
                .op(2, OpType.INVOKE, "read", null)
                .op(2, OpType.OK, "read", 7L)
                .op(1, OpType.INFO, "add", null);

        assertThat(new CounterChecker().check(history).verdict()).isEqualTo(Verdict.VALID);
    }

    @Test
    void a_counter_read_below_what_was_acknowledged_before_it_is_invalid() {
        op(0, OpType.INVOKE, "add", 3L)
                .op(0, OpType.OK, "add", 3L)
                .op(2, OpType.INVOKE, "read", null)
                .op(2, OpType.OK, "read", 2L);

        CheckResult result = new CounterChecker().check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(result.summary()).contains("read 2 where only 3 to 3 was possible");
    }

    @Test
    void a_counter_read_above_every_add_attempted_is_invalid_and_failed_adds_do_not_count() {
        op(0, OpType.INVOKE, "add", 3L)
                .op(0, OpType.FAIL, "add", null)
                .op(2, OpType.INVOKE, "read", null)
                .op(2, OpType.OK, "read", 3L);

        assertThat(new CounterChecker().check(history).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void every_function_needs_an_ok_or_the_stats_guard_says_unknown() {
        op(0, OpType.INVOKE, "add", 3L)
                .op(0, OpType.OK, "add", 3L)
                .op(2, OpType.INVOKE, "read", null)
                .op(2, OpType.FAIL, "read", null);

        CheckResult result = new StatsChecker().check(history);

        assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(result.summary()).startsWith("no read ever succeeded");
    }

    @Test
    void faults_planned_but_never_verified_make_the_run_unknown() {
        history.add(new Op(0, 0, OpType.INVOKE, ProcessId.NEMESIS, "kill", List.of("n1"), null, null, Map.of()));
        history.add(new Op(1, 1, OpType.INFO, ProcessId.NEMESIS, "kill", null, "nemesis failed: boom", null, Map.of()));

        assertThat(new FaultEffectChecker().check(history).verdict()).isEqualTo(Verdict.UNKNOWN);

        history.add(new Op(2, 2, OpType.INVOKE, ProcessId.NEMESIS, "kill", List.of("n2"), null, null, Map.of()));
        history.add(
                new Op(3, 3, OpType.INFO, ProcessId.NEMESIS, "kill", Map.of("verified", true), null, null, Map.of()));

        assertThat(new FaultEffectChecker().check(history).verdict()).isEqualTo(Verdict.VALID);
    }
}
