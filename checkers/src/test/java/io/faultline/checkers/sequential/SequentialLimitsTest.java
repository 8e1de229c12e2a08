package io.faultline.checkers.sequential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Operation.Outcome;
import io.faultline.checkers.linear.model.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Budgets: running out of time or states gives unknown naming the budget, never a guessed verdict. */
class SequentialLimitsTest {

    /**
     * Six processes of twenty writes each, and two readers that saw two of the writes in opposite orders: no order
     * exists, but no read is ever impossible on its own, so proving it means exploring the interleavings of the
     * writes, far more than any small budget allows.
     */
    private static List<Operation> hopeless() {
        List<Operation> ops = new ArrayList<>();
        long clock = 0;
        for (int round = 0; round < 20; round++) {
            for (int p = 0; p < 6; p++) {
                long v = 100L * p + round;
                ops.add(Operation.of(ops.size(), p, "write", v, v, Outcome.OK, clock, clock + 1));
                clock += 2;
            }
        }
        long[][] seen = {{10L, 110L}, {110L, 10L}};
        for (int reader = 0; reader < 2; reader++) {
            for (long v : seen[reader]) {
                ops.add(Operation.of(ops.size(), 6 + reader, "read", null, v, Outcome.OK, clock, clock + 1));
                clock += 2;
            }
        }
        return ops;
    }

    @Test
    void a_tiny_state_budget_on_a_large_history_gives_unknown_naming_the_state_budget() {
        SequentialChecker.Options options = SequentialChecker.Options.defaults().withMaxStates(10_000);

        SequentialResult r = SequentialChecker.check(Models.byName("register", 0L), hopeless(), options);

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.counterexample()).isNull();
        assertThat(r.cause())
                .contains("the state budget of 10000 memoised states ran out")
                .contains("of 124 operations");
    }

    @Test
    void a_tiny_time_budget_on_a_large_history_gives_unknown_naming_the_time_budget_on_time() {
        SequentialChecker.Options options = SequentialChecker.Options.defaults()
                .withTimeout(Duration.ofMillis(200))
                .withMaxStates(Long.MAX_VALUE);
        long start = System.nanoTime();

        SequentialResult r = SequentialChecker.check(Models.byName("register", 0L), hopeless(), options);

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.cause()).startsWith("the time budget of 200ms ran out after exploring");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    /**
     * The same writers and one read of a value nobody writes: that read can never happen, and the search sees it at
     * once instead of trying the writes' interleavings, so even a tiny budget gives the verdict.
     */
    @Test
    void a_read_of_a_value_nothing_left_can_write_is_invalid_within_a_tiny_budget() {
        List<Operation> ops = new ArrayList<>(hopeless().subList(0, 120));
        ops.add(Operation.of(ops.size(), 6, "read", null, 999L, Outcome.OK, 1_000, 1_001));
        SequentialChecker.Options options = SequentialChecker.Options.defaults().withMaxStates(10_000);

        SequentialResult r = SequentialChecker.check(Models.byName("register", 0L), ops, options);

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.statesExplored()).isLessThan(10_000);
    }

    @Test
    void a_state_budget_below_one_is_refused_naming_the_rule() {
        assertThatThrownBy(() -> SequentialChecker.Options.defaults().withMaxStates(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the state budget must be at least 1 but was 0");
    }
}
