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
 * The search against the definition: on thousands of small random register histories, its verdict equals that of a
 * brute-force enumeration of every order that respects real time (operations of unknown outcome may also be left
 * out).
 */
class SearchAgreesWithBruteForceTest {
    private static final Object[] VALUES = {null, 0L, 1L, 2L};

    @Test
    void the_search_and_brute_force_agree_on_random_cas_register_histories() {
        SplittableRandom random = new SplittableRandom(20261128);
        Model<Object, Object> model = cast(Models.byName("cas-register", null));
        int valid = 0;
        int invalid = 0;
        for (int h = 0; h < 3000; h++) {
            List<Operation> ops = randomHistory(random, 2 + random.nextInt(6));
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
        assertThat(valid).as("valid histories among the samples").isGreaterThan(300);
        assertThat(invalid).as("invalid histories among the samples").isGreaterThan(300);
    }

    @SuppressWarnings("unchecked")
    private static Model<Object, Object> cast(Model<?, ?> m) {
        return (Model<Object, Object>) m;
    }

    /** Random concurrent operations on up to 3 processes, with random outcomes and random read results. */
    private static List<Operation> randomHistory(SplittableRandom random, int n) {
        List<Operation> ops = new ArrayList<>();
        long clock = 0;
        long[] busyUntil = new long[3];
        for (int i = 0; i < n; i++) {
            int p = random.nextInt(3);
            long call = Math.max(clock, busyUntil[p]) + random.nextInt(3);
            long ret = call + 1 + random.nextInt(6);
            clock = call + 1;
            busyUntil[p] = ret + 1;
            Outcome outcome = switch (random.nextInt(6)) {
                case 0 -> Outcome.INFO;
                case 1 -> Outcome.FAIL;
                default -> Outcome.OK;
            };
            Object a = VALUES[random.nextInt(VALUES.length)];
            Object b = VALUES[random.nextInt(VALUES.length)];
            Operation op = switch (random.nextInt(3)) {
                case 0 -> Operation.of(i, p, "read", null, a, outcome, call * 2, ret * 2 + 1);
                case 1 -> Operation.of(i, p, "write", a, a, outcome, call * 2, ret * 2 + 1);
                default ->
                    Operation.of(i, p, "cas", java.util.Arrays.asList(a, b), null, outcome, call * 2, ret * 2 + 1);
            };
            if (outcome == Outcome.INFO) {
                busyUntil[p] = Long.MAX_VALUE / 4;
            }
            ops.add(op);
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
