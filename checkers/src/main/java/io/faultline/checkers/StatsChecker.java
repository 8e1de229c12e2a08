package io.faultline.checkers;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Counts client completions per function and outcome, and guards against vacuous passes: a run in which some
 * function never succeeded proves nothing about it, so the verdict is {@link Verdict#UNKNOWN} (Jepsen's
 * {@code stats}).
 */
public final class StatsChecker implements Checker {

    /** Completions of one function. */
    public record Counts(long ok, long fail, long info) {
        Counts add(OpType type) {
            return switch (type) {
                case OK -> new Counts(ok + 1, fail, info);
                case FAIL -> new Counts(ok, fail + 1, info);
                case INFO -> new Counts(ok, fail, info + 1);
                case INVOKE -> this;
            };
        }
    }

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<String, Counts> byF = new TreeMap<>();
        for (Op op : history) {
            if (op.process() instanceof ProcessId.Client && op.type() != OpType.INVOKE) {
                byF.merge(op.f(), new Counts(0, 0, 0).add(op.type()), (a, b) -> a.add(op.type()));
            }
        }
        if (byF.isEmpty()) {
            return CheckResult.of(
                    name(), Verdict.UNKNOWN, "no client operation completed: the run proves nothing", byF);
        }
        List<String> neverOk = byF.entrySet().stream()
                .filter(e -> e.getValue().ok() == 0)
                .map(Map.Entry::getKey)
                .toList();
        String counts = byF.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().ok() + " ok / "
                        + e.getValue().fail() + " fail / " + e.getValue().info() + " info")
                .collect(Collectors.joining(", "));
        if (!neverOk.isEmpty()) {
            return CheckResult.of(
                    name(),
                    Verdict.UNKNOWN,
                    "no " + String.join(", ", neverOk) + " ever succeeded, so the run proves nothing about "
                            + (neverOk.size() == 1 ? "it" : "them") + " (" + counts + ")",
                    byF);
        }
        return CheckResult.of(name(), Verdict.VALID, counts, byF);
    }
}
