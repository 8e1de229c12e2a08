package io.faultline.checkers.history;

import java.util.Locale;

/**
 * What a history's {@code fail} completions and nil values mean to a model: the conventions of the tool that wrote
 * it. Each format has its default ({@link io.faultline.checkers.format.HistoryFormat#semantics()}); {@code check
 * --semantics} overrides it, and every result says which was applied.
 */
public enum Semantics {
    /**
     * Jepsen's and Knossos's: a failed operation, a failed cas included, did not happen and is removed before the
     * search ({@code knossos.history/without-failures}); a read whose value is nil learnt nothing and is consistent
     * with every state (the {@code register}, {@code cas-register} and {@code multi-register} models of {@code
     * knossos.model}).
     */
    JEPSEN("jepsen", "fail = did not happen; a nil read learnt nothing"),
    /**
     * Porcupine's, for its etcd logs, and Faultline's own journal: a failed cas is a cas that ran and returned false
     * (the register did not hold {@code from}); a read of nil is a read of the value nil.
     */
    PORCUPINE("porcupine", "fail cas = the compare did not match; a nil read is a read of nil");

    private final String label;
    private final String meaning;

    Semantics(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    /** The name used on the command line and in results: {@code jepsen} or {@code porcupine}. */
    public String label() {
        return label;
    }

    /** What it means, in a few words, for reports. */
    public String meaning() {
        return meaning;
    }

    /** Whether a failed cas says that the register did not hold {@code from} (else it is dropped). */
    public boolean failedCasConstrains() {
        return this == PORCUPINE;
    }

    /** Whether a read of nil is a read of the value nil (else it constrains nothing). */
    public boolean nilReadIsAValue() {
        return this == PORCUPINE;
    }

    /** Parses {@code jepsen} or {@code porcupine} (any case); throws naming the accepted values otherwise. */
    public static Semantics parse(String text) {
        for (Semantics s : values()) {
            if (s.label.equals(text.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("semantics must be one of auto, jepsen, porcupine but was '" + text + "'");
    }
}
