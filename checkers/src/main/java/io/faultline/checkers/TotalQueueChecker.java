package io.faultline.checkers;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Jepsen's {@code total-queue} checker: clients {@code enqueue} distinct elements and {@code dequeue} them (a
 * {@code drain} returns a list of several). Every element enqueued ok must come out at least once (else it is
 * <b>lost</b>), and nothing may come out that was never enqueued (<b>unexpected</b>). Elements dequeued more often
 * than enqueued are <b>duplicated</b>: reported, but allowed, as in Jepsen (a queue may deliver at least once).
 * Elements whose enqueue had an unknown outcome and that came out are <b>recovered</b>.
 */
public final class TotalQueueChecker implements Checker {
    /** Elements of each kind listed in the details. */
    public static final int SHOWN = 20;

    /**
     * @param attempted enqueues invoked
     * @param acknowledged enqueues that completed ok
     * @param dequeued elements that came out (a drain counts each of its elements)
     * @param lost acknowledged enqueues that never came out (at most {@link #SHOWN})
     * @param unexpected elements that came out but were never enqueued (at most {@link #SHOWN})
     * @param duplicated elements that came out more often than they were enqueued (at most {@link #SHOWN})
     * @param recovered enqueues of unknown outcome whose element came out
     * @param lostCount all lost
     * @param unexpectedCount all unexpected
     * @param duplicatedCount all duplicated
     */
    public record Outcome(
            long attempted,
            long acknowledged,
            long dequeued,
            List<String> lost,
            List<String> unexpected,
            List<String> duplicated,
            long recovered,
            int lostCount,
            int unexpectedCount,
            int duplicatedCount) {}

    @Override
    public String name() {
        return "total-queue";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<ProcessId, Op> open = new HashMap<>();
        Map<Object, Integer> attempts = new LinkedHashMap<>();
        Map<Object, Integer> acknowledged = new LinkedHashMap<>();
        Map<Object, Integer> out = new LinkedHashMap<>();
        long attempted = 0;
        long acks = 0;
        long dequeued = 0;
        for (Op op : history) {
            if (!(op.process() instanceof ProcessId.Client)) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                open.put(op.process(), op);
                if (op.f().equals("enqueue")) {
                    attempted++;
                    attempts.merge(normal(op.value()), 1, Integer::sum);
                }
                continue;
            }
            Op inv = open.remove(op.process());
            if (op.f().equals("enqueue") && op.type() == OpType.OK) {
                acks++;
                acknowledged.merge(normal(inv != null ? inv.value() : op.value()), 1, Integer::sum);
            } else if (op.f().equals("dequeue") && op.type() == OpType.OK && op.value() != null) {
                dequeued++;
                out.merge(normal(op.value()), 1, Integer::sum);
            } else if (op.f().equals("drain") && op.type() == OpType.OK && op.value() instanceof Collection<?> c) {
                for (Object e : c) {
                    dequeued++;
                    out.merge(normal(e), 1, Integer::sum);
                }
            }
        }
        List<Object> lost = new ArrayList<>();
        acknowledged.keySet().forEach(e -> {
            if (!out.containsKey(e)) {
                lost.add(e);
            }
        });
        List<Object> unexpected = new ArrayList<>();
        List<Object> duplicated = new ArrayList<>();
        long recovered = 0;
        for (Map.Entry<Object, Integer> e : out.entrySet()) {
            Integer tries = attempts.get(e.getKey());
            if (tries == null) {
                unexpected.add(e.getKey());
                continue;
            }
            if (e.getValue() > tries) {
                duplicated.add(e.getKey());
            }
            if (!acknowledged.containsKey(e.getKey())) {
                recovered++;
            }
        }
        Outcome outcome = new Outcome(
                attempted,
                acks,
                dequeued,
                shown(lost),
                shown(unexpected),
                shown(duplicated),
                recovered,
                lost.size(),
                unexpected.size(),
                duplicated.size());
        String counts = acks + " acknowledged enqueues, " + dequeued + " dequeued, " + lost.size() + " lost, "
                + unexpected.size() + " unexpected, " + duplicated.size() + " duplicated, " + recovered + " recovered";
        if (lost.isEmpty() && unexpected.isEmpty()) {
            return CheckResult.of(name(), Verdict.VALID, counts, outcome);
        }
        String first = !lost.isEmpty()
                ? "lost " + outcome.lost() + ": enqueued ok but never dequeued"
                : "unexpected " + outcome.unexpected() + ": dequeued but never enqueued";
        return CheckResult.of(name(), Verdict.INVALID, counts + "; " + first, outcome);
    }

    private static List<String> shown(List<Object> elements) {
        return elements.stream().limit(SHOWN).map(EdnWriter::write).toList();
    }

    private static Object normal(Object v) {
        return v instanceof Integer i ? (Object) i.longValue() : v;
    }
}
