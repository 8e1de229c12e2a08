package io.faultline.checkers.cli;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.LinearizabilityChecker;
import io.faultline.checkers.linear.LinearizabilityResult;
import io.faultline.checkers.linear.Model;
import java.time.Duration;
import java.util.List;

/**
 * {@code --timeout} covers reading and checking together: the search gets what reading left of it, and a timeout
 * is still described as the whole {@code --timeout} given.
 */
final class ReadBudget {
    private ReadBudget() {}

    static LinearizabilityResult checkInTimeLeft(
            Model<?, ?> model, List<Operation> operations, LinearizabilityChecker.Options options, long startNanos) {
        Duration given = options.timeout();
        Duration left = given.minusNanos(System.nanoTime() - startNanos);
        if (left.compareTo(Duration.ofMillis(1)) < 0) {
            left = Duration.ofMillis(1);
        }
        LinearizabilityResult r = LinearizabilityChecker.check(model, operations, options.withTimeout(left));
        if (r.verdict() != Verdict.UNKNOWN || r.cause() == null || !r.cause().startsWith("timeout after ")) {
            return r;
        }
        return new LinearizabilityResult(
                r.verdict(),
                r.model(),
                r.operations(),
                r.partitions(),
                r.counterexample(),
                "timeout after " + describe(given));
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
