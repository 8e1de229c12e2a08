package io.faultline.checkers;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's {@code unique-ids} checker: clients {@code generate} ids, and no two successful generations may return
 * the same id. Valid when every id returned ok is distinct.
 */
public final class UniqueIdsChecker implements Checker {
    /** Duplicates kept in the details. */
    public static final int SHOWN = 20;

    /**
     * What the generations returned.
     *
     * @param attempted how many generate ops were invoked
     * @param acknowledged how many returned an id
     * @param duplicated ids returned more than once, with how many times (at most {@link #SHOWN})
     * @param duplicatedCount how many distinct ids were returned more than once
     */
    public record Outcome(long attempted, long acknowledged, Map<String, Integer> duplicated, int duplicatedCount) {}

    @Override
    public String name() {
        return "unique-ids";
    }

    @Override
    public CheckResult check(List<Op> history) {
        long attempted = 0;
        long acknowledged = 0;
        Map<Object, Integer> seen = new HashMap<>();
        Map<String, Integer> duplicated = new LinkedHashMap<>();
        int duplicatedCount = 0;
        for (Op op : history) {
            if (!(op.process() instanceof ProcessId.Client) || !op.f().equals("generate")) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                attempted++;
            } else if (op.type() == OpType.OK) {
                acknowledged++;
                Object id = op.value() instanceof Integer i ? (Object) i.longValue() : op.value();
                int times = seen.merge(id, 1, Integer::sum);
                if (times == 2) {
                    duplicatedCount++;
                }
                if (times >= 2 && (duplicated.size() < SHOWN || duplicated.containsKey(EdnWriter.write(id)))) {
                    duplicated.put(EdnWriter.write(id), times);
                }
            }
        }
        Outcome outcome = new Outcome(attempted, acknowledged, duplicated, duplicatedCount);
        if (duplicatedCount == 0) {
            return CheckResult.of(
                    name(),
                    Verdict.VALID,
                    acknowledged + " ids generated, all distinct (" + attempted + " attempted)",
                    outcome);
        }
        return CheckResult.of(
                name(),
                Verdict.INVALID,
                duplicatedCount + " ids were generated more than once, e.g. "
                        + duplicated.entrySet().iterator().next().getKey() + " ("
                        + duplicated.values().iterator().next() + " times)",
                outcome);
    }
}
