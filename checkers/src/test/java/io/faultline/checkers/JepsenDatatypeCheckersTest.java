package io.faultline.checkers;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** unique-ids, total-queue and set-full on small histories whose verdicts are known by construction. */
class JepsenDatatypeCheckersTest {

    private final List<Op> history = new ArrayList<>();

    private JepsenDatatypeCheckersTest op(int process, OpType type, String f, Object value) {
        history.add(new Op(
                history.size(), history.size(), type, ProcessId.client(process), f, value, null, null, Map.of()));
        return this;
    }

    private JepsenDatatypeCheckersTest call(int process, String f, Object in, OpType outcome, Object out) {
        return op(process, OpType.INVOKE, f, in).op(process, outcome, f, out);
    }

    @Test
    void distinct_generated_ids_are_valid_and_a_repeated_one_is_not() {
        call(0, "generate", null, OpType.OK, 1L).call(1, "generate", null, OpType.OK, 2L);
        assertThat(new UniqueIdsChecker().check(history).verdict()).isEqualTo(Verdict.VALID);

        call(2, "generate", null, OpType.OK, 1L);
        CheckResult r = new UniqueIdsChecker().check(history);

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(((UniqueIdsChecker.Outcome) r.details()).duplicated()).containsEntry("1", 2);
    }

    @Test
    void a_queue_that_gives_back_every_acknowledged_element_is_valid_even_with_a_duplicate() {
        call(0, "enqueue", 1L, OpType.OK, 1L)
                .call(0, "enqueue", 2L, OpType.INFO, null)
                .call(1, "dequeue", null, OpType.OK, 1L)
                .call(1, "drain", null, OpType.OK, List.of(2L, 1L));

        CheckResult r = new TotalQueueChecker().check(history);
        TotalQueueChecker.Outcome o = (TotalQueueChecker.Outcome) r.details();

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(o.duplicated()).containsExactly("1");
        assertThat(o.recovered()).isEqualTo(1);
    }

    @Test
    void a_queue_that_loses_an_acknowledged_element_or_invents_one_is_invalid() {
        call(0, "enqueue", 1L, OpType.OK, 1L).call(1, "dequeue", null, OpType.OK, 7L);

        CheckResult r = new TotalQueueChecker().check(history);
        TotalQueueChecker.Outcome o = (TotalQueueChecker.Outcome) r.details();

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(o.lost()).containsExactly("1");
        assertThat(o.unexpected()).containsExactly("7");
    }

    @Test
    void an_element_missing_from_every_read_after_it_was_acknowledged_is_lost() {
        call(0, "add", 1L, OpType.OK, 1L)
                .call(1, "read", null, OpType.OK, List.of(1L))
                .call(0, "add", 2L, OpType.OK, 2L)
                .call(1, "read", null, OpType.OK, List.of(1L));

        CheckResult r = new SetFullChecker().check(history);

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.INVALID);
        assertThat(((SetFullChecker.Outcome) r.details()).lost()).containsExactly("2");
    }

    @Test
    void an_element_missed_once_then_seen_again_is_stale_which_only_linearizable_sets_forbid() {
        call(0, "add", 1L, OpType.OK, 1L)
                .call(1, "read", null, OpType.OK, List.of())
                .call(1, "read", null, OpType.OK, List.of(1L));

        CheckResult lenient = new SetFullChecker().check(history);
        CheckResult strict = new SetFullChecker(true).check(history);

        assertThat(lenient.verdict()).as(lenient.summary()).isEqualTo(Verdict.VALID);
        assertThat(((SetFullChecker.Outcome) lenient.details()).stale()).containsExactly("1");
        assertThat(strict.verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void an_add_concurrent_with_a_read_that_misses_it_is_not_lost() {
        op(0, OpType.INVOKE, "add", 1L)
                .op(1, OpType.INVOKE, "read", null)
                .op(1, OpType.OK, "read", List.of())
                .op(0, OpType.OK, "add", 1L)
                .call(1, "read", null, OpType.OK, List.of(1L));

        CheckResult r = new SetFullChecker(true).check(history);

        assertThat(r.verdict()).as(r.summary()).isEqualTo(Verdict.VALID);
        assertThat(((SetFullChecker.Outcome) r.details()).stable()).isEqualTo(1);
    }
}
