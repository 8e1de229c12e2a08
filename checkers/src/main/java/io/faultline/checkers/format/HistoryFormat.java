package io.faultline.checkers.format;

import io.faultline.checkers.history.Semantics;
import java.util.Locale;

/** The history file formats Faultline reads and writes. */
public enum HistoryFormat {
    /** Faultline's own: one JSON object per line, the journal every run writes ({@code history.jsonl}). */
    JSONL("jsonl", Semantics.PORCUPINE),
    /**
     * Jepsen EDN: one map per line ({@code history.edn}, also Porcupine's {@code kv/*.txt}), or one vector or list
     * of maps (Knossos test data).
     */
    EDN("edn", Semantics.JEPSEN),
    /** Jepsen log lines, as in Porcupine's {@code jepsen/*.log}: {@code INFO jepsen.util - 3 :ok :read 4}. */
    JEPSEN_LOG("jepsen-log", Semantics.PORCUPINE);

    private final String label;
    private final Semantics semantics;

    HistoryFormat(String label, Semantics semantics) {
        this.label = label;
        this.semantics = semantics;
    }

    /**
     * The meaning of {@code fail} and nil in this format unless told otherwise: Jepsen's for EDN (what Jepsen and
     * Knossos write), Porcupine's for its etcd logs and for Faultline's own journal (whose store client records a cas
     * mismatch, and only that, as {@code fail}).
     */
    public Semantics semantics() {
        return semantics;
    }

    public String label() {
        return label;
    }

    /** Parses a label ({@code jsonl}, {@code edn}, {@code jepsen-log}). */
    public static HistoryFormat parse(String text) {
        for (HistoryFormat f : values()) {
            if (f.label.equals(text.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException("format must be one of auto, jsonl, edn, jepsen-log but was '" + text + "'");
    }
}
