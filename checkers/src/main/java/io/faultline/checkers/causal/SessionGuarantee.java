package io.faultline.checkers.causal;

/** Terry et al.'s session guarantees, each judged on its own. */
public enum SessionGuarantee {
    /** A read sees the session's own earlier writes to its key (or something newer). */
    READ_YOUR_WRITES("read-your-writes"),
    /** A read of a key sees at least what the session's earlier reads of that key saw. */
    MONOTONIC_READS("monotonic-reads"),
    /** A session that saw a write of another session also sees that session's earlier writes. */
    MONOTONIC_WRITES("monotonic-writes"),
    /** A session that saw a write also sees what its writer had read before writing it. */
    WRITES_FOLLOW_READS("writes-follow-reads");

    private final String label;

    SessionGuarantee(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
