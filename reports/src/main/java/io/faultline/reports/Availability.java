package io.faultline.reports;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.Operation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How available the system was during a fault and after it healed.
 *
 * <p>An operation counts for the interval in which it was invoked. <em>During</em> is the window itself; <em>after</em>
 * runs from the heal for as long as the window lasted, cut short by the next fault or the end of the history. The
 * time to recover is from the heal to the completion of the first operation invoked after the heal that succeeded.
 *
 * @param window the fault window
 * @param during operations invoked during the fault
 * @param after operations invoked after the heal
 * @param recoveryNs time to recover in nanoseconds, or null when no operation succeeded after the heal (or the fault
 *     never healed)
 */
record Availability(
        FaultWindow window,
        Counts during,
        Counts after,
        @Nullable Long recoveryNs) {

    /**
     * Completed operations by outcome; operations without a completion are not counted.
     *
     * @param ok succeeded
     * @param fail certainly failed
     * @param info unknown outcome
     */
    record Counts(int ok, int fail, int info) {
        int total() {
            return ok + fail + info;
        }

        /** Fraction of completed operations that succeeded, or NaN when there were none. */
        double okFraction() {
            return total() == 0 ? Double.NaN : (double) ok / total();
        }
    }

    /** Availability for each window, in window order; {@code operations} in invocation order. */
    static List<Availability> of(List<FaultWindow> windows, List<Operation> operations, long historyEndNs) {
        List<Availability> out = new ArrayList<>();
        for (int i = 0; i < windows.size(); i++) {
            FaultWindow w = windows.get(i);
            long healed = w.toNs();
            long nextStart = historyEndNs;
            for (int j = i + 1; j < windows.size(); j++) {
                if (windows.get(j).fromNs() >= healed) {
                    nextStart = Math.min(nextStart, windows.get(j).fromNs());
                    break;
                }
            }
            long afterEnd = Math.min(nextStart, healed + (healed - w.fromNs()));
            Counts during = count(operations, w.fromNs(), healed);
            Counts after = w.end() == null ? new Counts(0, 0, 0) : count(operations, healed, afterEnd);
            out.add(new Availability(w, during, after, w.end() == null ? null : recovery(operations, healed)));
        }
        return out;
    }

    private static Counts count(List<Operation> operations, long from, long to) {
        int ok = 0;
        int fail = 0;
        int info = 0;
        for (Operation op : operations) {
            long t = op.invocation().time();
            if (t < from || t >= to || op.completion() == null) {
                continue;
            }
            switch (op.outcome()) {
                case OK -> ok++;
                case FAIL -> fail++;
                default -> info++;
            }
        }
        return new Counts(ok, fail, info);
    }

    private static @Nullable Long recovery(List<Operation> operations, long healed) {
        long first = Long.MAX_VALUE;
        for (Operation op : operations) {
            Op done = op.completion();
            if (op.outcome() == Operation.Outcome.OK
                    && done != null
                    && op.invocation().time() >= healed) {
                first = Math.min(first, done.time());
            }
        }
        return first == Long.MAX_VALUE ? null : first - healed;
    }
}
