package io.faultline.checkers;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Jepsen's {@code set} checker: clients {@code add} unique elements, and at the end every client {@code read}s the
 * whole set. An element whose add was acknowledged ({@code ok}) but that no final read contains is <b>lost</b>; an
 * element read that was never added is <b>unexpected</b>. Adds of unknown outcome ({@code info}) may or may not be
 * there: those present are counted as recovered. Valid when nothing is lost or unexpected.
 */
public final class SetChecker implements Checker {

    /**
     * What the final reads showed.
     *
     * @param acknowledged adds that were ok
     * @param lost acknowledged adds missing from the final read
     * @param unexpected elements read that were never added
     * @param recovered adds of unknown outcome that the final read shows
     * @param finalReads how many final reads completed ok
     */
    public record Outcome(int acknowledged, List<Long> lost, List<Long> unexpected, int recovered, int finalReads) {}

    @Override
    public String name() {
        return "set";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<ProcessId, Long> pendingAdds = new LinkedHashMap<>();
        Set<Long> ok = new TreeSet<>();
        Set<Long> attempted = new TreeSet<>();
        Set<Long> uncertain = new TreeSet<>();
        Set<Long> lastRead = null;
        int reads = 0;
        for (Op op : history) {
            if (!(op.process() instanceof ProcessId.Client)) {
                continue;
            }
            if (op.f().equals("add")) {
                if (op.type() == OpType.INVOKE) {
                    long element = element(op.value());
                    pendingAdds.put(op.process(), element);
                    attempted.add(element);
                } else {
                    Long element = pendingAdds.remove(op.process());
                    if (element != null && op.type() == OpType.OK) {
                        ok.add(element);
                    } else if (element != null && op.type() == OpType.INFO) {
                        uncertain.add(element);
                    }
                }
            } else if (op.f().equals("read")
                    && op.type() == OpType.OK
                    && op.value() instanceof Collection<?> elements) {
                Set<Long> read = new TreeSet<>();
                elements.forEach(e -> read.add(element(e)));
                lastRead = read;
                reads++;
            }
        }
        if (lastRead == null) {
            return CheckResult.of(
                    name(),
                    Verdict.UNKNOWN,
                    "no read of the set completed: nothing to compare the adds with",
                    new Outcome(ok.size(), List.of(), List.of(), 0, 0));
        }
        Set<Long> finalRead = lastRead;
        List<Long> lost = ok.stream().filter(e -> !finalRead.contains(e)).toList();
        List<Long> unexpected =
                finalRead.stream().filter(e -> !attempted.contains(e)).toList();
        int recovered = (int) uncertain.stream().filter(finalRead::contains).count();
        Outcome outcome = new Outcome(ok.size(), lost, unexpected, recovered, reads);
        if (lost.isEmpty() && unexpected.isEmpty()) {
            return CheckResult.of(
                    name(),
                    Verdict.VALID,
                    ok.size() + " acknowledged adds all present in the final read; " + recovered + " of "
                            + uncertain.size() + " adds of unknown outcome present too",
                    outcome);
        }
        StringBuilder summary = new StringBuilder();
        if (!lost.isEmpty()) {
            summary.append(lost.size())
                    .append(" acknowledged adds lost: ")
                    .append(abbreviate(lost))
                    .append(" were added ok but are missing from the final read");
        }
        if (!unexpected.isEmpty()) {
            summary.append(summary.isEmpty() ? "" : "; ")
                    .append(unexpected.size())
                    .append(" unexpected elements read: ")
                    .append(abbreviate(unexpected));
        }
        return CheckResult.of(name(), Verdict.INVALID, summary.toString(), outcome);
    }

    private static long element(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("set elements must be integers, not " + value);
    }

    private static String abbreviate(List<Long> elements) {
        return elements.size() <= 10
                ? elements.toString()
                : elements.subList(0, 10) + " and " + (elements.size() - 10) + " more";
    }
}
