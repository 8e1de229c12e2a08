package io.faultline.checkers.sequential;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Operation.Outcome;
import io.faultline.checkers.history.ProcessId;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.model.Models;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The search against the definition: on thousands of small random histories, its verdict equals that of an
 * enumeration of every interleaving of the processes' programs (each operation of unknown outcome in or out).
 */
class SequentialAgreesWithBruteForceTest {
    private static final Object[] VALUES = {0L, 1L, 2L};

    @Test
    void the_search_and_brute_force_agree_on_random_register_histories() {
        agree("register", Semantics.PORCUPINE, 3000, 11_000L);
    }

    @Test
    void the_search_and_brute_force_agree_on_random_cas_register_histories_with_either_semantics() {
        agree("cas-register", Semantics.PORCUPINE, 3000, 22_000L);
        agree("cas-register", Semantics.JEPSEN, 2000, 33_000L);
    }

    @Test
    void the_search_and_brute_force_agree_on_random_multi_key_histories_checked_by_key_and_whole() {
        agree("kv", Semantics.PORCUPINE, 3000, 44_000L);
    }

    /** A mutex is where skipping matters: an acquire of unknown outcome may be impossible wherever it is placed. */
    @Test
    void the_search_and_brute_force_agree_on_random_mutex_histories() {
        agree("mutex", Semantics.PORCUPINE, 3000, 55_000L);
    }

    private static void agree(String modelName, Semantics semantics, int histories, long firstSeed) {
        Model<Object, Object> model = cast(Models.byName(modelName, modelName.equals("mutex") ? null : 0L, semantics));
        int valid = 0;
        int invalid = 0;
        for (long seed = firstSeed; seed < firstSeed + histories; seed++) {
            List<Operation> ops = randomHistory(new SplittableRandom(seed), modelName);
            boolean expected = bruteForce(model, ops);
            SequentialResult r = SequentialChecker.check(model, ops, SequentialChecker.Options.defaults());
            assertThat(r.verdict())
                    .as(
                            "%s (%s) seed %d: %s",
                            modelName,
                            semantics.label(),
                            seed,
                            ops.stream().map(Operation::describe).toList())
                    .isEqualTo(expected ? Verdict.VALID : Verdict.INVALID);
            if (expected) {
                valid++;
            } else {
                invalid++;
            }
        }
        assertThat(valid).as("valid %s histories among the samples", modelName).isGreaterThan(histories / 10);
        assertThat(invalid)
                .as("invalid %s histories among the samples", modelName)
                .isGreaterThan(histories / 10);
    }

    @SuppressWarnings("unchecked")
    private static Model<Object, Object> cast(Model<?, ?> m) {
        return (Model<Object, Object>) m;
    }

    /**
     * 2-3 processes of 2-4 operations each, interleaved at random in real time (no two of one process overlap); an
     * info operation ends its process's program.
     */
    private static List<Operation> randomHistory(SplittableRandom random, String model) {
        int processes = 2 + random.nextInt(2);
        int[] left = new int[processes];
        for (int p = 0; p < processes; p++) {
            left[p] = 2 + random.nextInt(3);
        }
        List<Operation> ops = new ArrayList<>();
        long clock = 0;
        boolean[] open = new boolean[processes];
        long[] openedAt = new long[processes];
        Object[][] pending = new Object[processes][];
        while (true) {
            List<Integer> movable = new ArrayList<>();
            for (int p = 0; p < processes; p++) {
                if (open[p] || left[p] > 0) {
                    movable.add(p);
                }
            }
            if (movable.isEmpty()) {
                break;
            }
            int p = movable.get(random.nextInt(movable.size()));
            if (!open[p]) {
                open[p] = true;
                openedAt[p] = clock++;
                pending[p] = new Object[] {ops.size()};
                ops.add(null); // slot in invocation order
                left[p]--;
                continue;
            }
            open[p] = false;
            Outcome outcome = switch (random.nextInt(8)) {
                case 0 -> Outcome.INFO;
                case 1 -> Outcome.FAIL;
                default -> Outcome.OK;
            };
            int id = (Integer) pending[p][0];
            ops.set(id, make(random, model, id, p, outcome, openedAt[p], clock++));
            if (outcome == Outcome.INFO) {
                left[p] = 0;
            }
        }
        return ops;
    }

    private static Object value(SplittableRandom random) {
        return VALUES[random.nextInt(VALUES.length)];
    }

    private static Operation make(
            SplittableRandom random, String model, int id, int p, Outcome outcome, long call, long ret) {
        if (model.equals("kv")) {
            String key = random.nextBoolean() ? "x" : "y";
            String v = String.valueOf(random.nextInt(3));
            boolean get = random.nextBoolean();
            String f = get ? "get" : "put";
            Object in = get ? null : v;
            Object out = get ? (v.equals("0") ? "" : v) : v;
            ProcessId process = ProcessId.client(p);
            Op inv = new Op(call, -1, OpType.INVOKE, process, f, in, null, null, Map.of("key", key));
            Op done = new Op(ret, -1, type(outcome), process, f, out, null, null, Map.of("key", key));
            return new Operation(
                    id,
                    process,
                    f,
                    in,
                    out,
                    outcome,
                    call,
                    outcome.isIndeterminate() ? Long.MAX_VALUE : ret,
                    inv,
                    done,
                    0,
                    0);
        }
        if (model.equals("mutex")) {
            return Operation.of(id, p, random.nextBoolean() ? "acquire" : "release", null, null, outcome, call, ret);
        }
        int kinds = model.equals("cas-register") ? 3 : 2;
        return switch (random.nextInt(kinds)) {
            case 0 -> Operation.of(id, p, "read", null, value(random), outcome, call, ret);
            case 1 -> {
                Object v = value(random);
                yield Operation.of(id, p, "write", v, v, outcome, call, ret);
            }
            default ->
                Operation.of(id, p, "cas", Arrays.asList(value(random), value(random)), null, outcome, call, ret);
        };
    }

    private static OpType type(Outcome outcome) {
        return switch (outcome) {
            case OK -> OpType.OK;
            case FAIL -> OpType.FAIL;
            case INFO, PENDING -> OpType.INFO;
        };
    }

    /** Is there an interleaving of the processes' programs, each indeterminate operation in or out, the model allows? */
    private static boolean bruteForce(Model<Object, Object> model, List<Operation> all) {
        Map<ProcessId, List<Operation>> programs = new java.util.LinkedHashMap<>();
        Map<Operation, Object> calls = new java.util.IdentityHashMap<>();
        for (Operation op : all) {
            Object c = model.call(op);
            if (c != null) {
                programs.computeIfAbsent(op.process(), x -> new ArrayList<>()).add(op);
                calls.put(op, c);
            }
        }
        List<List<Operation>> ps = new ArrayList<>(programs.values());
        return interleave(model, ps, calls, new int[ps.size()], model.init());
    }

    private static boolean interleave(
            Model<Object, Object> model,
            List<List<Operation>> programs,
            Map<Operation, Object> calls,
            int[] next,
            Object state) {
        boolean done = true;
        for (int p = 0; p < programs.size(); p++) {
            if (next[p] < programs.get(p).size()) {
                done = false;
                Operation op = programs.get(p).get(next[p]);
                next[p]++;
                Object after = model.step(state, calls.get(op));
                boolean found = after != null && interleave(model, programs, calls, next, after)
                        || op.outcome().isIndeterminate() && interleave(model, programs, calls, next, state);
                next[p]--;
                if (found) {
                    return true;
                }
            }
        }
        return done;
    }
}
