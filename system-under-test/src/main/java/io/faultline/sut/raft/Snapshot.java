package io.faultline.sut.raft;

/**
 * The state machine as of a log index, standing in for every entry up to it: its term, the membership then in
 * force, and the state machine's own serialized state (opaque to Raft).
 */
public record Snapshot(LogIndex index, Term term, Configuration configuration, String data) {

    public Snapshot {
        if (data == null) {
            throw new IllegalArgumentException("a snapshot needs data (may be empty)");
        }
    }

    /** No snapshot: the log starts at index 1. */
    public static Snapshot none(Configuration configuration) {
        return new Snapshot(LogIndex.ZERO, Term.ZERO, configuration, "");
    }

    public boolean isNone() {
        return index.value() == 0;
    }
}
