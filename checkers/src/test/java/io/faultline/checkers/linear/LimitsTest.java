package io.faultline.checkers.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.model.Models;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** Bounded checking: time and memory limits give unknown with a cause, never a hang or a dead JVM. */
class LimitsTest {

    /** A register whose steps wait for a latch that is only released after the check returned. */
    static final class StuckModel implements Model<Object, Object> {
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public String name() {
            return "stuck";
        }

        @Override
        public Object init() {
            return 0L;
        }

        @Override
        public Object call(Operation op) {
            return op.input();
        }

        @Override
        public @Nullable Object step(Object state, Object call) {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return state;
        }
    }

    /** Many concurrent writes of distinct values with no reads: a search space too large to finish. */
    static List<Operation> concurrentWrites(int n) {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(Operation.of(i, i, "write", (long) i, (long) i, Operation.Outcome.OK, i, 2L * n + i));
        }
        return ops;
    }

    @Test
    void a_step_that_never_returns_still_gives_unknown_at_the_deadline() {
        StuckModel stuck = new StuckModel();
        try {
            LinearizabilityResult r = LinearizabilityChecker.check(
                    stuck,
                    concurrentWrites(2),
                    LinearizabilityChecker.Options.defaults().withTimeout(Duration.ofMillis(200)));
            assertThat(r.verdict()).as("verdict with a stuck step: %s", r).isEqualTo(Verdict.UNKNOWN);
            assertThat(r.cause()).as("cause").isEqualTo("timeout after 200ms");
        } finally {
            stuck.release.countDown();
        }
    }

    @Test
    void a_model_that_throws_gives_unknown_with_the_error_not_a_crash() {
        Model<Object, Object> throwing = new Model<>() {
            @Override
            public String name() {
                return "throwing";
            }

            @Override
            public Object init() {
                return 0L;
            }

            @Override
            public Object call(Operation op) {
                return op.input();
            }

            @Override
            public @Nullable Object step(Object state, Object call) {
                throw new IllegalStateException("broken model");
            }
        };
        LinearizabilityResult r =
                LinearizabilityChecker.check(throwing, concurrentWrites(2), LinearizabilityChecker.Options.defaults());
        assertThat(r.verdict()).as("verdict: %s", r).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.cause()).as("cause").contains("the model threw").contains("broken model");
    }

    @Test
    void a_search_too_large_for_its_time_gives_unknown_with_the_cause() {
        List<Operation> ops = new ArrayList<>(concurrentWrites(40));
        ops.add(Operation.of(40, 40, "read", null, -1L, Operation.Outcome.OK, 200, 201));
        LinearizabilityResult r = LinearizabilityChecker.check(
                Models.byName("register", null),
                ops,
                LinearizabilityChecker.Options.defaults().withTimeout(Duration.ofMillis(300)));
        assertThat(r.verdict()).as("verdict: %s", r).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.cause()).as("cause").startsWith("timeout");
    }

    @Test
    void a_memo_beyond_its_bound_gives_unknown_out_of_memory() {
        List<Operation> ops = new ArrayList<>(concurrentWrites(40));
        ops.add(Operation.of(40, 40, "read", null, -1L, Operation.Outcome.OK, 200, 201));
        LinearizabilityResult r = LinearizabilityChecker.check(
                Models.byName("register", null),
                ops,
                LinearizabilityChecker.Options.defaults()
                        .withTimeout(Duration.ofMinutes(1))
                        .withMaxStates(10_000));
        assertThat(r.verdict()).as("verdict: %s", r).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.cause()).as("cause").startsWith("out of memory");
    }

    /**
     * Forty writes that timed out at the start (info: maybe applied, at any time), alternating values 1 and 2, then
     * an acknowledged write of 3 and a read of {@code last}.
     */
    static List<Operation> manyIndeterminateWrites(long last) {
        List<Operation> ops = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            ops.add(Operation.of(i, i, "write", 1L + i % 2, null, Operation.Outcome.INFO, i, Long.MAX_VALUE));
        }
        ops.add(Operation.of(40, 40, "write", 3L, null, Operation.Outcome.OK, 100, 101));
        ops.add(Operation.of(41, 41, "read", null, last, Operation.Outcome.OK, 102, 103));
        return ops;
    }

    @Test
    void indeterminate_writes_of_few_values_are_decided_within_a_small_memo_both_ways() {
        LinearizabilityChecker.Options small = LinearizabilityChecker.Options.defaults()
                .withTimeout(Duration.ofMinutes(1))
                .withMaxStates(20_000);

        // Without treating equal indeterminate writes as interchangeable, the search must try the 2^40 subsets of
        // them before the read of a value nobody wrote is found impossible, and the memo bound ends it as unknown.
        LinearizabilityResult invalid =
                LinearizabilityChecker.check(Models.byName("register", null), manyIndeterminateWrites(7L), small);
        LinearizabilityResult valid =
                LinearizabilityChecker.check(Models.byName("register", null), manyIndeterminateWrites(2L), small);

        assertThat(invalid.verdict()).as("a read of 7: %s", invalid).isEqualTo(Verdict.INVALID);
        assertThat(valid.verdict()).as("a read of 2: %s", valid).isEqualTo(Verdict.VALID);
    }

    @Test
    void an_unknown_result_says_which_keys_were_fully_checked() {
        List<Operation> ops = new ArrayList<>();
        int id = 0;
        for (String key : List.of("easy", "hard")) {
            int n = key.equals("easy") ? 2 : 40;
            long base = id * 1000L;
            for (int i = 0; i < n; i++) {
                ops.add(keyed(id++, key, "put", "v" + i, base + i, base + 2L * n + i));
            }
            ops.add(keyed(id++, key, "get", "never", base + 900, base + 901));
        }
        // The easy key is valid once "never" is not read: make its read see the last put instead.
        ops.set(2, keyed(2, "easy", "get", "v1", 900, 901));
        LinearizabilityResult r = LinearizabilityChecker.check(
                Models.byName("kv", null),
                ops,
                LinearizabilityChecker.Options.defaults().withTimeout(Duration.ofMillis(300)));
        assertThat(r.verdict()).as("verdict: %s", r).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.fullyCheckedKeys()).as("fully checked keys").containsExactly("\"easy\"");
    }

    private static Operation keyed(int id, String key, String f, String value, long call, long ret) {
        Operation plain =
                Operation.of(id, id, f, f.equals("get") ? null : value, value, Operation.Outcome.OK, call, ret);
        io.faultline.checkers.history.Op inv = new io.faultline.checkers.history.Op(
                call,
                -1,
                io.faultline.checkers.history.OpType.INVOKE,
                plain.process(),
                f,
                plain.input(),
                null,
                null,
                java.util.Map.of("key", key));
        return new Operation(
                id,
                plain.process(),
                f,
                plain.input(),
                value,
                plain.outcome(),
                call,
                ret,
                inv,
                plain.completion(),
                0,
                0);
    }
}
