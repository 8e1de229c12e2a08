package io.faultline.checkers.causal;

import java.util.List;
import java.util.Objects;

/**
 * One bad pattern or session-guarantee violation.
 *
 * @param pattern the bad pattern's name ({@code WriteCORead}) or the session guarantee's ({@code read-your-writes})
 * @param ops the operations that form it, described
 * @param explanation in words
 */
public record Violation(String pattern, List<String> ops, String explanation) {
    public Violation {
        Objects.requireNonNull(pattern, "pattern");
        ops = List.copyOf(ops);
        Objects.requireNonNull(explanation, "explanation");
    }

    static Violation of(String pattern, List<RwOp> ops, String explanation) {
        return new Violation(pattern, ops.stream().map(RwOp::toString).toList(), explanation);
    }
}
