package io.faultline.checkers.format;

import java.util.Locale;

/** The history file formats Faultline reads and writes. */
public enum HistoryFormat {
    /** Faultline's own: one JSON object per line, the journal every run writes ({@code history.jsonl}). */
    JSONL("jsonl"),
    /**
     * Jepsen EDN: one map per line ({@code history.edn}, also Porcupine's {@code kv/*.txt}), or one vector or list
     * of maps (Knossos test data).
     */
    EDN("edn"),
    /** Jepsen log lines, as in Porcupine's {@code jepsen/*.log}: {@code INFO jepsen.util - 3 :ok :read 4}. */
    JEPSEN_LOG("jepsen-log");

    private final String label;

    HistoryFormat(String label) {
        this.label = label;
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
