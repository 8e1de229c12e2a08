package io.faultline.checkers;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's {@code counter} checker for a counter that only grows: clients {@code add} positive deltas and
 * {@code read} the total. A read must be at least the sum of the adds that completed ok before it was invoked, and
 * at most the sum of every add (ok or of unknown outcome) invoked before it completed.
 */
public final class CounterChecker implements Checker {

    /**
     * A read outside its bounds.
     *
     * @param index the read's completion index in the history
     * @param value what it read
     * @param lower the least it could have read
     * @param upper the most it could have read
     */
    public record Violation(long index, long value, long lower, long upper) {}

    private record Pending(long delta, boolean read, long lowerAtInvoke) {}

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<ProcessId, Pending> pending = new HashMap<>();
        long okSum = 0;
        long invokedSum = 0;
        long failedSum = 0;
        int reads = 0;
        List<Violation> violations = new ArrayList<>();
        for (Op op : history) {
            if (!(op.process() instanceof ProcessId.Client)) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                if (op.f().equals("add")) {
                    long delta = number(op.value(), op);
                    if (delta < 0) {
                        throw new IllegalArgumentException(
                                "the counter checker needs adds of 0 or more, but op " + op.index() + " adds " + delta);
                    }
                    invokedSum += delta;
                    pending.put(op.process(), new Pending(delta, false, 0));
                } else if (op.f().equals("read")) {
                    pending.put(op.process(), new Pending(0, true, okSum));
                }
                continue;
            }
            Pending p = pending.remove(op.process());
            if (p == null) {
                continue;
            }
            if (!p.read()) {
                if (op.type() == OpType.OK) {
                    okSum += p.delta();
                } else if (op.type() == OpType.FAIL) {
                    failedSum += p.delta();
                }
            } else if (op.type() == OpType.OK) {
                reads++;
                long value = number(op.value(), op);
                long upper = invokedSum - failedSum;
                if (value < p.lowerAtInvoke() || value > upper) {
                    violations.add(new Violation(op.index(), value, p.lowerAtInvoke(), upper));
                }
            }
        }
        if (reads == 0) {
            return CheckResult.of(name(), Verdict.UNKNOWN, "no read of the counter completed", violations);
        }
        if (violations.isEmpty()) {
            return CheckResult.of(
                    name(),
                    Verdict.VALID,
                    reads + " reads, each between the adds acknowledged before it and the adds attempted",
                    violations);
        }
        Violation first = violations.getFirst();
        return CheckResult.of(
                name(),
                Verdict.INVALID,
                violations.size() + " reads out of bounds; the first (op "
                        + first.index() + ") read " + first.value() + " where only " + first.lower() + " to "
                        + first.upper()
                        + " was possible",
                violations);
    }

    private static long number(Object value, Op op) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("the counter checker needs a number in op " + op.index() + ", not " + value);
    }
}
