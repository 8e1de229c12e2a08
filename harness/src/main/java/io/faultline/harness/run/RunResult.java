package io.faultline.harness.run;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A finished run.
 *
 * @param directory the run directory
 * @param verdict the merged verdict
 * @param result every checker's result
 * @param ops how many ops the history holds
 * @param took wall time of the whole run
 * @param violations the client rules broken during the run ({@link ClientRules}); each such op was recorded as info,
 *     so the verdict holds, but the client needs fixing
 * @param consistency for a db that promised less than linearizability, the verdicts side by side; else empty
 */
public record RunResult(
        Path directory,
        Verdict verdict,
        CheckResult result,
        long ops,
        Duration took,
        List<ClientRuleViolation> violations,
        Optional<ConsistencyVerdicts> consistency) {

    public RunResult {
        violations = List.copyOf(violations);
    }

    /** A run of a db promising linearizability. */
    public RunResult(
            Path directory,
            Verdict verdict,
            CheckResult result,
            long ops,
            Duration took,
            List<ClientRuleViolation> violations) {
        this(directory, verdict, result, ops, took, violations, Optional.empty());
    }

    /** A run whose client broke no rule. */
    public RunResult(Path directory, Verdict verdict, CheckResult result, long ops, Duration took) {
        this(directory, verdict, result, ops, took, List.of());
    }

    /** Whether the client broke any of the rules the harness checks. */
    public boolean brokeClientRules() {
        return !violations.isEmpty();
    }

    /** One paragraph for a person: the verdict, why, and where the run is. */
    public String describe() {
        String rules = violations.isEmpty()
                ? ""
                : "\n  client rules broken " + violations.size() + " time" + (violations.size() == 1 ? "" : "s")
                        + " (each op recorded as info; fix the client)";
        String models = consistency.map(c -> "\n  consistency: " + c.describe()).orElse("");
        return verdict.label() + ": " + result.summary() + models + rules + "\n  run: " + directory;
    }
}
