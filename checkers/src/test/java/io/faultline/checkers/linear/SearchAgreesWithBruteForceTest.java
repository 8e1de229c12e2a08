package io.faultline.checkers.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Operation.Outcome;
import io.faultline.checkers.linear.model.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The search against the definition: on thousands of small random histories per model, its verdict equals that of a
 * brute-force enumeration of every order that respects real time (operations of unknown outcome may also be left
 * out).
 */
class SearchAgreesWithBruteForceTest {
    private static final Object[] VALUES = {null, 0L, 1L, 2L};

    /** Makes one random operation of a model's kind. */
    interface OpMaker {
        Operation make(SplittableRandom random, int id, int process, Outcome outcome, long call, long ret);
    }

    private static Object value(SplittableRandom random) {
        return VALUES[random.nextInt(VALUES.length)];
    }

    private static final OpMaker CAS_REGISTER = (random, i, p, outcome, call, ret) -> switch (random.nextInt(3)) {
        case 0 -> Operation.of(i, p, "read", null, value(random), outcome, call, ret);
        case 1 -> {
            Object a = value(random);
            yield Operation.of(i, p, "write", a, a, outcome, call, ret);
        }
        default ->
            Operation.of(i, p, "cas", java.util.Arrays.asList(value(random), value(random)), null, outcome, call, ret);
    };

    private static final OpMaker QUEUE = (random, i, p, outcome, call, ret) -> random.nextBoolean()
            ? Operation.of(i, p, "enqueue", value(random), null, outcome, call, ret)
            : Operation.of(i, p, "dequeue", null, value(random), outcome, call, ret);

    private static final OpMaker MUTEX = (random, i, p, outcome, call, ret) ->
            Operation.of(i, p, random.nextBoolean() ? "acquire" : "release", null, null, outcome, call, ret);

    private static final OpMaker SET = (random, i, p, outcome, call, ret) -> {
        if (random.nextBoolean()) {
            return Operation.of(i, p, "add", value(random), null, outcome, call, ret);
        }
        java.util.Set<Object> seen = new java.util.HashSet<>();
        for (Object v : VALUES) {
            if (v != null && random.nextBoolean()) {
                seen.add(v);
            }
        }
        return Operation.of(i, p, "read", null, List.copyOf(seen), outcome, call, ret);
    };

    @Test
    void the_search_and_brute_force_agree_on_random_cas_register_histories() {
        agree("cas-register", CAS_REGISTER, 3000);
    }

    /**
     * Jepsen's shape under faults: an operation that times out retires its process and a fresh one takes its place,
     * so many indeterminate operations with equal calls are open at once (what the search treats as interchangeable).
     */
    @Test
    void the_search_and_brute_force_agree_on_histories_full_of_indeterminate_operations_with_equal_calls() {
        agree("cas-register", CAS_REGISTER, 3000, true);
        agree("set", SET, 1000, true);
    }

    @Test
    void the_search_and_brute_force_agree_on_random_queue_histories() {
        agree("queue", QUEUE, 2000);
    }

    @Test
    void the_search_and_brute_force_agree_on_random_mutex_histories() {
        agree("mutex", MUTEX, 2000);
    }

    @Test
    void the_search_and_brute_force_agree_on_random_set_histories() {
        agree("set", SET, 2000);
    }

    private static void agree(String modelName, OpMaker maker, int histories) {
        agree(modelName, maker, histories, false);
    }

    private static void agree(String modelName, OpMaker maker, int histories, boolean manyTimeouts) {
        SplittableRandom random = new SplittableRandom(20261128);
        Model<Object, Object> model = cast(Models.byName(modelName, null));
        int valid = 0;
        int invalid = 0;
        for (int h = 0; h < histories; h++) {
            List<Operation> ops =
                    randomHistory(random, (manyTimeouts ? 3 : 2) + random.nextInt(6), maker, manyTimeouts);
            boolean expected = bruteForce(model, ops);
            LinearizabilityResult r =
                    LinearizabilityChecker.check(model, ops, LinearizabilityChecker.Options.defaults());
            assertThat(r.verdict())
                    .as(
                            "history %d: %s",
                            h, ops.stream().map(Operation::describe).toList())
                    .isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
            if (expected) {
                valid++;
            } else {
                invalid++;
            }
        }
        assertThat(valid).as("valid %s histories among the samples", modelName).isGreaterThan(histories / 20);
        assertThat(invalid)
                .as("invalid %s histories among the samples", modelName)
                .isGreaterThan(histories / 20);
    }

    @SuppressWarnings("unchecked")
    private static Model<Object, Object> cast(Model<?, ?> m) {
        return (Model<Object, Object>) m;
    }

    /**
     * Random concurrent operations of 3 workers. Without timeouts, one operation in six is info and its process stays
     * busy forever (at most 3 open at once); with them, every other one is info and its worker goes on as a fresh
     * process, as Jepsen's workers do.
     */
    private static List<Operation> randomHistory(SplittableRandom random, int n, OpMaker maker, boolean timeouts) {
        List<Operation> ops = new ArrayList<>();
        long clock = 0;
        long[] busyUntil = new long[3];
        int[] generation = new int[3];
        for (int i = 0; i < n; i++) {
            int worker = random.nextInt(3);
            long call = Math.max(clock, busyUntil[worker]) + random.nextInt(3);
            long ret = call + 1 + random.nextInt(6);
            clock = call + 1;
            busyUntil[worker] = ret + 1;
            Outcome outcome = timeouts
                    ? (random.nextBoolean() ? Outcome.INFO : Outcome.OK)
                    : switch (random.nextInt(6)) {
                        case 0 -> Outcome.INFO;
                        case 1 -> Outcome.FAIL;
                        default -> Outcome.OK;
                    };
            ops.add(maker.make(random, i, worker + 3 * generation[worker], outcome, call * 2, ret * 2 + 1));
            if (outcome == Outcome.INFO) {
                if (timeouts) {
                    generation[worker]++;
                } else {
                    busyUntil[worker] = Long.MAX_VALUE / 4;
                }
            }
        }
        return ops;
    }

    /** Is there an order of the kept operations that respects real time and the model? */
    private static boolean bruteForce(Model<Object, Object> model, List<Operation> all) {
        List<Operation> ops = new ArrayList<>();
        List<Object> calls = new ArrayList<>();
        for (Operation op : all) {
            Object c = model.call(op);
            if (c != null) {
                ops.add(op);
                calls.add(c);
            }
        }
        return search(model, ops, calls, model.init(), new boolean[ops.size()]);
    }

    private static boolean search(
            Model<Object, Object> model, List<Operation> ops, List<Object> calls, Object state, boolean[] gone) {
        boolean allKnownDone = true;
        for (int i = 0; i < ops.size(); i++) {
            if (!gone[i] && !ops.get(i).outcome().isIndeterminate()) {
                allKnownDone = false;
            }
        }
        if (allKnownDone) {
            return true;
        }
        for (int i = 0; i < ops.size(); i++) {
            if (gone[i] || !mayGoNext(ops, gone, i)) {
                continue;
            }
            Object next = model.step(state, calls.get(i));
            if (next != null) {
                gone[i] = true;
                boolean ok = search(model, ops, calls, next, gone);
                gone[i] = false;
                if (ok) {
                    return true;
                }
            }
            if (ops.get(i).outcome().isIndeterminate()) {
                gone[i] = true;
                boolean ok = search(model, ops, calls, state, gone);
                gone[i] = false;
                if (ok) {
                    return true;
                }
            }
        }
        return false;
    }

    /** No operation still waiting to be placed completed before {@code i} was invoked. */
    private static boolean mayGoNext(List<Operation> ops, boolean[] gone, int i) {
        for (int j = 0; j < ops.size(); j++) {
            if (!gone[j] && j != i && ops.get(j).ret() < ops.get(i).call()) {
                return false;
            }
        }
        return true;
    }
}
