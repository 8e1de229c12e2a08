package io.faultline.harness.junit;

import io.faultline.checkers.Verdict;
import io.faultline.harness.run.RunResult;

/**
 * Assertions on a finished run for JUnit tests (or any test framework): a failure names the verdict, what the
 * checkers found, and the run directory to open.
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

    public RunAssert isValid() {
        return hasVerdict(Verdict.VALID);
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
