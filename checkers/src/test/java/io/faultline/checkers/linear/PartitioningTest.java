package io.faultline.checkers.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Operation.Outcome;
import io.faultline.checkers.linear.model.Models;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** P-compositionality: a multi-key history is linearizable exactly when each key's part is. */
class PartitioningTest {

    @Test
    void checking_kv_by_key_gives_the_verdict_of_checking_it_whole() {
        SplittableRandom random = new SplittableRandom(7);
        Model<?, ?> kv = Models.byName("kv", null);
        int invalid = 0;
        for (int h = 0; h < 1500; h++) {
            List<Operation> ops = randomKv(random, 3 + random.nextInt(8));
            LinearizabilityChecker.Options options = LinearizabilityChecker.Options.defaults();
            Verdict split = LinearizabilityChecker.check(kv, ops, options).verdict();
            Verdict whole = LinearizabilityChecker.check(kv, ops, options.withPartition(false))
                    .verdict();
            assertThat(split)
                    .as(
                            "history %d: %s",
                            h, ops.stream().map(Operation::describe).toList())
                    .isEqualTo(whole);
            if (whole == Verdict.INVALID) {
                invalid++;
            }
        }
        assertThat(invalid).as("invalid histories among the samples").isBetween(150, 1350);
    }

    private static List<Operation> randomKv(SplittableRandom random, int n) {
        String[] keys = {"a", "b", "c"};
        String[] values = {"", "x", "y", "xy", "yx"};
        List<Operation> ops = new ArrayList<>();
        long clock = 0;
        long[] busyUntil = new long[4];
        for (int i = 0; i < n; i++) {
            int p = random.nextInt(4);
            long call = Math.max(clock, busyUntil[p]) + random.nextInt(3);
            long ret = call + 1 + random.nextInt(5);
            clock = call + 1;
            busyUntil[p] = ret + 1;
            String key = keys[random.nextInt(keys.length)];
            Outcome outcome = random.nextInt(8) == 0 ? Outcome.INFO : Outcome.OK;
            if (outcome == Outcome.INFO) {
                busyUntil[p] = Long.MAX_VALUE / 4;
            }
            String f = switch (random.nextInt(3)) {
                case 0 -> "get";
                case 1 -> "put";
                default -> "append";
            };
            String v = f.equals("get") ? values[random.nextInt(values.length)] : random.nextBoolean() ? "x" : "y";
            Object input = f.equals("get") ? null : v;
            Op invoke = new Op(
                    2 * call,
                    -1,
                    OpType.INVOKE,
                    io.faultline.checkers.history.ProcessId.client(p),
                    f,
                    input,
                    null,
                    null,
                    Map.of("key", key));
            ops.add(new Operation(
                    i,
                    invoke.process(),
                    f,
                    input,
                    v,
                    outcome,
                    2 * call,
                    outcome == Outcome.INFO ? Long.MAX_VALUE : 2 * ret + 1,
                    invoke,
                    null,
                    0,
                    0));
        }
        return ops;
    }
}
