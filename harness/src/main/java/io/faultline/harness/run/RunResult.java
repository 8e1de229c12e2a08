package io.faultline.harness.run;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A finished run.
 *
 * @param directory the run directory
 * @param verdict the merged verdict
 * @param result every checker's result
 * @param ops how many ops the history holds
 * @param took wall time of the whole run
 */
public record RunResult(Path directory, Verdict verdict, CheckResult result, long ops, Duration took) {

    /** One paragraph for a person: the verdict, why, and where the run is. */
    public String describe() {
        return verdict.label() + ": " + result.summary() + "\n  run: " + directory;
    }
}
