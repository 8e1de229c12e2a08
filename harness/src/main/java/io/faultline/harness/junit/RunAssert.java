package io.faultline.harness.junit;

import io.faultline.checkers.Verdict;
import io.faultline.harness.run.ClientRuleViolation;
import io.faultline.harness.run.RunResult;
import java.util.stream.Collectors;

/**
 * Assertions on a finished run for JUnit tests (or any test framework): a failure names the verdict, what the
 * checkers found, any client rule broken, and the run directory to open.
 *
 * <pre>{@code
 * RunResult run = new TestRunner(out).run(spec);
 * RunAssert.assertThat(run).isValid();
 * }</pre>
 */
public final class RunAssert {

    private final RunResult run;

    private RunAssert(RunResult run) {
        this.run = run;
    }

    public static RunAssert assertThat(RunResult run) {
        return new RunAssert(run);
    }

    /**
     * The run is valid and its client broke none of the client rules the harness checks
     * ({@link io.faultline.harness.run.ClientRules}): a run whose client returned fail on a timeout is not a valid
     * test of the system even when its history checks valid, so this fails for it, listing each broken rule.
     */
    public RunAssert isValid() {
        return hasVerdict(Verdict.VALID).hasNoClientRuleViolations();
    }

    /** The client broke none of the client rules; a failure lists each broken rule with its op. */
    public RunAssert hasNoClientRuleViolations() {
        if (run.brokeClientRules()) {
            throw new AssertionError("expected the client to keep the client rules, but it broke them "
                    + run.violations().size() + " time(s):\n  "
                    + run.violations().stream()
                            .map(ClientRuleViolation::describe)
                            .collect(Collectors.joining("\n  "))
                    + "\n  run directory: " + run.directory());
        }
        return this;
    }

    public RunAssert isInvalid() {
        return hasVerdict(Verdict.INVALID);
    }

    public RunAssert hasVerdict(Verdict expected) {
        if (run.verdict() != expected) {
            throw new AssertionError("expected the run to be " + expected.label() + " but it was "
                    + run.verdict().label() + ": " + run.result().summary() + "\n  run directory: " + run.directory());
        }
        return this;
    }
}
