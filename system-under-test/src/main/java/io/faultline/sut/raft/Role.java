package io.faultline.sut.raft;

/** What a node currently does in its term. */
public enum Role {
    FOLLOWER,
    CANDIDATE,
    LEADER;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
