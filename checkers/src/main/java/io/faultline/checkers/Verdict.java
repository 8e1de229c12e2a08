package io.faultline.checkers;

/**
 * The three-valued outcome of a check, as Jepsen and Porcupine give it. When results are merged the worst wins:
 * {@code INVALID} over {@code UNKNOWN} over {@code VALID}.
 */
public enum Verdict {
    /** The history satisfies the property. */
    VALID(0),
    /** The checker could not decide: it ran out of time or memory, threw, or the run proves nothing. */
    UNKNOWN(2),
    /** The history violates the property. */
    INVALID(1);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    /** The command-line exit code for this verdict: 0 valid, 1 invalid, 2 unknown. */
    public int exitCode() {
        return exitCode;
    }

    /** The worse of the two: invalid beats unknown beats valid. */
    public Verdict merge(Verdict other) {
        return rank(other) > rank(this) ? other : this;
    }

    /** Lower-case name as written in results: {@code valid}, {@code invalid}, {@code unknown}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    private static int rank(Verdict v) {
        return switch (v) {
            case VALID -> 0;
            case UNKNOWN -> 1;
            case INVALID -> 2;
        };
    }
}
