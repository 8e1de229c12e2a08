package io.faultline.checkers;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What a checker found.
 *
 * @param checker the checker's name
 * @param verdict valid, invalid or unknown
 * @param summary one or a few sentences a person can follow
 * @param details checker-specific data for results.json (records, lists, maps, strings, numbers), or null
 * @param parts the results this one merges, if any
 */
public record CheckResult(
        String checker,
        Verdict verdict,
        String summary,
        @Nullable Object details,
        List<CheckResult> parts) {

    public CheckResult {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(summary, "summary");
        parts = List.copyOf(parts);
    }

    public static CheckResult of(String checker, Verdict verdict, String summary, @Nullable Object details) {
        return new CheckResult(checker, verdict, summary, details, List.of());
    }

    public static CheckResult unknown(String checker, String why) {
        return of(checker, Verdict.UNKNOWN, why, null);
    }

    /** The worst verdict of the parts, with a summary listing those that are not valid. */
    public static CheckResult merged(String checker, List<CheckResult> parts) {
        Verdict verdict = parts.stream().map(CheckResult::verdict).reduce(Verdict.VALID, Verdict::merge);
        String summary = verdict == Verdict.VALID
                ? "every checker found the history valid"
                : parts.stream()
                        .filter(p -> p.verdict() != Verdict.VALID)
                        .map(p -> p.checker() + " " + p.verdict().label() + ": " + p.summary())
                        .collect(Collectors.joining("; "));
        return new CheckResult(checker, verdict, summary, null, parts);
    }
}
