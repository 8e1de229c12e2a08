package io.faultline.checkers.txn;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Checker;
import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.checkers.linear.LinearizabilityChecker;
import io.faultline.checkers.linear.LinearizableChecker;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * List-append transactions checked key by key: each key's micro-ops form a linearizable list
 * ({@link ListAppendModel}). Sound (a strict-serializable history passes) but weaker than a dependency-graph check:
 * anomalies that need two keys to show (G-single, G2) are not found here; Elle's approach is the transactional
 * checker's job.
 */
public final class ListAppendChecker implements Checker {

    private final LinearizabilityChecker.Options options;

    public ListAppendChecker(LinearizabilityChecker.Options options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<String, List<Op>> byKey = split(history);
        List<CheckResult> parts = new ArrayList<>();
        LinearizableChecker perKey = new LinearizableChecker(new ListAppendModel(), options);
        for (Map.Entry<String, List<Op>> e : byKey.entrySet()) {
            CheckResult r = Checker.safely(perKey, e.getValue());
            parts.add(new CheckResult("key " + e.getKey(), r.verdict(), r.summary(), r.details(), List.of()));
        }
        CheckResult merged = CheckResult.merged(name(), parts);
        String summary = switch (merged.verdict()) {
            case VALID -> byKey.size() + " keys, each a linearizable list";
            default -> merged.summary();
        };
        return new CheckResult(name(), merged.verdict(), summary, null, parts);
    }

    /**
     * Each key's history: per transaction, the micro-ops on that key, with the transaction's process, its
     * invocation where it was invoked and its completion where it completed.
     */
    static Map<String, List<Op>> split(List<Op> history) {
        Map<String, List<Op>> byKey = new LinkedHashMap<>();
        Map<ProcessId, Op> open = new HashMap<>();
        for (Op op : history) {
            if (!(op.process() instanceof ProcessId.Client) || !op.f().equals("txn")) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                open.put(op.process(), op);
                invoke(byKey, op);
                continue;
            }
            Op invoke = open.remove(op.process());
            if (invoke == null) {
                // Elle's test histories hold completions only: such a transaction is taken as instantaneous.
                invoke = op;
                invoke(byKey, op);
            }
            Map<String, List<Object>> completed = op.type() == OpType.OK ? byKeyOf(op.value()) : Map.of();
            for (String key : byKeyOf(invoke.value()).keySet()) {
                byKey.get(key)
                        .add(new Op(
                                0,
                                op.time(),
                                op.type(),
                                op.process(),
                                "txn",
                                completed.get(key),
                                op.error(),
                                op.node(),
                                Map.of("key", key)));
            }
        }
        byKey.replaceAll((k, ops) -> renumber(ops));
        return byKey;
    }

    private static void invoke(Map<String, List<Op>> byKey, Op op) {
        byKeyOf(op.value())
                .forEach((key, micros) -> byKey.computeIfAbsent(key, k -> new ArrayList<>())
                        .add(new Op(
                                0,
                                op.time(),
                                OpType.INVOKE,
                                op.process(),
                                "txn",
                                micros,
                                null,
                                op.node(),
                                Map.of("key", key))));
    }

    private static List<Op> renumber(List<Op> ops) {
        List<Op> out = new ArrayList<>(ops.size());
        for (Op op : ops) {
            out.add(op.withIndex(out.size()));
        }
        return out;
    }

    private static Map<String, List<Object>> byKeyOf(Object value) {
        Map<String, List<Object>> byKey = new LinkedHashMap<>();
        if (value instanceof List<?> micros) {
            for (Object m : micros) {
                if (m instanceof List<?> micro && micro.size() == 3) {
                    byKey.computeIfAbsent(EdnWriter.write(micro.get(1)), k -> new ArrayList<>())
                            .add(micro);
                }
            }
        }
        return byKey;
    }
}
