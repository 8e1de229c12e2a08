package io.faultline.checkers;

import io.faultline.checkers.history.Op;
import java.util.List;

/**
 * Judges a whole history (client and nemesis ops, in order). Implementations are pure functions of the history.
 * Run them through {@link #safely}: a checker that throws gives {@link Verdict#UNKNOWN} with the error, never a
 * crashed run.
 */
public interface Checker {

    /** A short name for results, such as {@code linearizable} or {@code stats}. */
    String name();

    CheckResult check(List<Op> history);

    /** Runs the checker; an exception becomes an unknown result naming it. */
    static CheckResult safely(Checker checker, List<Op> history) {
        try {
            return checker.check(history);
        } catch (RuntimeException | OutOfMemoryError e) {
            return CheckResult.unknown(checker.name(), "the checker failed: " + e);
        }
    }

    /** Every checker on the same history; the merged verdict is the worst of theirs. */
    static Checker compose(List<Checker> checkers) {
        List<Checker> all = List.copyOf(checkers);
        return new Checker() {
            @Override
            public String name() {
                return "all";
            }

            @Override
            public CheckResult check(List<Op> history) {
                List<CheckResult> parts =
                        all.stream().map(c -> safely(c, history)).toList();
                return CheckResult.merged(name(), parts);
            }
        };
    }
}
