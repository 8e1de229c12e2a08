package io.faultline.checkers.causal;

import io.faultline.checkers.AnomalyReport;
import java.util.List;

/**
 * What the causal checker found: {@link io.faultline.checkers.CheckResult#details()} of {@link CausalChecker}.
 *
 * @param model the model checked ({@code causal}, {@code causal-convergence} or {@code causal-memory})
 * @param anomalyTypes the bad patterns found ({@code CyclicCO}, {@code WriteCORead}, ...), whatever the model
 * @param not the models and session guarantees the history violates
 * @param violations the bad patterns, each with its operations and an explanation
 * @param sessionGuarantees each session guarantee's own verdict
 * @param sessions how many sessions
 * @param operations how many operations
 */
public record CausalAnalysis(
        String model,
        List<String> anomalyTypes,
        List<String> not,
        List<Violation> violations,
        List<Guarantee> sessionGuarantees,
        int sessions,
        int operations)
        implements AnomalyReport {

    /**
     * One session guarantee.
     *
     * @param name {@code read-your-writes}, {@code monotonic-reads}, {@code monotonic-writes} or {@code
     *     writes-follow-reads}
     * @param verdict {@code valid}, {@code invalid} or {@code unknown} (when the causal order is cyclic)
     * @param violations up to a few examples
     */
    public record Guarantee(String name, String verdict, List<Violation> violations) {
        public Guarantee {
            violations = List.copyOf(violations);
        }
    }

    public CausalAnalysis {
        anomalyTypes = List.copyOf(anomalyTypes);
        not = List.copyOf(not);
        violations = List.copyOf(violations);
        sessionGuarantees = List.copyOf(sessionGuarantees);
    }
}
