package io.faultline.sut.raft;

/** What a leader knows about one follower's log. */
final class Progress {

    /** The next entry to send. */
    LogIndex next;

    /** The highest entry known to match the leader's log. */
    LogIndex match = LogIndex.ZERO;

    /** AppendEntries with entries sent since the last acknowledgement or heartbeat. */
    int inflight;

    /** The highest round number the follower acknowledged in this term. */
    long ackedSeq;

    /** Whether the follower answered since the last quorum check. */
    boolean recentlyActive;

    Progress(LogIndex next) {
        this.next = next;
    }
}
