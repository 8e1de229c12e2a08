package io.faultline.checkers;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Jepsen's {@code set-full} checker: clients {@code add} distinct elements and {@code read} the whole set many times
 * during the run. An element is <b>known</b> from the moment its add completed ok or a read completed that showed
 * it. Then each read that began after that moment should show it. An element is <b>lost</b> if some such read
 * missed it and no read that completed after that read began ever showed it again; <b>stale</b> if reads missed it
 * but a later one showed it again (allowed unless the set must be linearizable); <b>never read</b> if no read began
 * after it was known. Reads showing an element twice, or one that was never added, are invalid too.
 */
public final class SetFullChecker implements Checker {
    /** Elements of each kind listed in the details. */
    public static final int SHOWN = 20;

    /**
     * @param elements how many distinct elements were added (attempted)
     * @param stable elements every read after they were known showed
     * @param lost elements lost (at most {@link #SHOWN}) and {@code lostCount} all of them
     * @param stale elements read stale at least once
     * @param neverRead elements no read began after they were known
     * @param duplicated elements a read showed more than once
     * @param unexpected elements read that were never added
     */
    public record Outcome(
            int elements,
            int stable,
            List<String> lost,
            int lostCount,
            List<String> stale,
            int staleCount,
            int neverRead,
            List<String> duplicated,
            List<String> unexpected) {}

    private record Read(long invoke, long complete, Set<Object> value) {}

    private final boolean linearizable;

    /** Stale reads allowed (Jepsen's default). */
    public SetFullChecker() {
        this(false);
    }

    /** @param linearizable whether stale reads make the history invalid */
    public SetFullChecker(boolean linearizable) {
        this.linearizable = linearizable;
    }

    @Override
    public String name() {
        return "set-full";
    }

    @Override
    public CheckResult check(List<Op> history) {
        Map<ProcessId, Long> invokedAt = new HashMap<>();
        Map<ProcessId, Op> invocation = new HashMap<>();
        Map<Object, Long> known = new LinkedHashMap<>();
        Set<Object> attempted = new HashSet<>();
        List<Read> reads = new ArrayList<>();
        Set<String> duplicated = new java.util.TreeSet<>();
        for (int pos = 0; pos < history.size(); pos++) {
            Op op = history.get(pos);
            if (!(op.process() instanceof ProcessId.Client)) {
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                invokedAt.put(op.process(), (long) pos);
                invocation.put(op.process(), op);
                if (op.f().equals("add")) {
                    attempted.add(normal(op.value()));
                }
                continue;
            }
            long start = invokedAt.getOrDefault(op.process(), (long) pos);
            Op inv = invocation.remove(op.process());
            if (op.type() != OpType.OK) {
                continue;
            }
            if (op.f().equals("add")) {
                known.putIfAbsent(normal(inv != null ? inv.value() : op.value()), (long) pos);
            } else if (op.f().equals("read") && op.value() instanceof Collection<?> c) {
                Set<Object> value = new HashSet<>();
                for (Object e : c) {
                    if (!value.add(normal(e))) {
                        duplicated.add(EdnWriter.write(e));
                    }
                    known.putIfAbsent(normal(e), (long) pos);
                }
                reads.add(new Read(start, pos, value));
            }
        }
        List<String> lost = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        List<String> unexpected = new ArrayList<>();
        int stable = 0;
        int neverRead = 0;
        for (Map.Entry<Object, Long> e : known.entrySet()) {
            Object element = e.getKey();
            if (!attempted.contains(element)) {
                unexpected.add(EdnWriter.write(element));
                continue;
            }
            long lastAbsentStart = -1;
            long lastPresentEnd = -1;
            boolean readAfter = false;
            for (Read r : reads) {
                if (r.value().contains(element)) {
                    lastPresentEnd = Math.max(lastPresentEnd, r.complete());
                }
                if (r.invoke() > e.getValue()) {
                    readAfter = true;
                    if (!r.value().contains(element)) {
                        lastAbsentStart = Math.max(lastAbsentStart, r.invoke());
                    }
                }
            }
            if (!readAfter) {
                neverRead++;
            } else if (lastAbsentStart < 0) {
                stable++;
            } else if (lastPresentEnd < lastAbsentStart) {
                lost.add(EdnWriter.write(element));
            } else {
                stable++;
                stale.add(EdnWriter.write(element));
            }
        }
        Outcome outcome = new Outcome(
                attempted.size(),
                stable,
                first(lost),
                lost.size(),
                first(stale),
                stale.size(),
                neverRead,
                first(new ArrayList<>(duplicated)),
                first(unexpected));
        String counts = attempted.size() + " elements added, " + reads.size() + " reads: " + stable + " stable, "
                + lost.size() + " lost, " + stale.size() + " stale, " + neverRead + " never read";
        List<String> problems = new ArrayList<>();
        if (!lost.isEmpty()) {
            problems.add("lost " + outcome.lost() + ": known present, then missing from every later read");
        }
        if (linearizable && !stale.isEmpty()) {
            problems.add("stale reads of " + outcome.stale());
        }
        if (!duplicated.isEmpty()) {
            problems.add("reads showed " + outcome.duplicated() + " more than once");
        }
        if (!unexpected.isEmpty()) {
            problems.add("reads showed " + outcome.unexpected() + ", never added");
        }
        if (!problems.isEmpty()) {
            return CheckResult.of(name(), Verdict.INVALID, counts + "; " + String.join("; ", problems), outcome);
        }
        if (reads.isEmpty()) {
            return CheckResult.of(name(), Verdict.UNKNOWN, "no read of the set completed: " + counts, outcome);
        }
        return CheckResult.of(name(), Verdict.VALID, counts, outcome);
    }

    private static List<String> first(List<String> all) {
        return all.stream().limit(SHOWN).toList();
    }

    private static Object normal(Object v) {
        return v instanceof Integer i ? (Object) i.longValue() : v;
    }
}
