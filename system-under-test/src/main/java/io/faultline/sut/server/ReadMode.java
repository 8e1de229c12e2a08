package io.faultline.sut.server;

import java.util.Locale;

/** How a node serves reads: linearizably through the leader, or sequentially consistent from any node. */
public enum ReadMode {
    /** Confirm leadership with a majority for every batch of reads (Raft's ReadIndex). The default. */
    READ_INDEX,
    /**
     * Serve reads locally while a lease holds: a majority acknowledged a heartbeat sent less than 80% of the
     * minimum election timeout ago (monotonic clock), and followers refuse votes for that long.
     */
    LEASE,
    /**
     * Any node, leader or follower, serves a read from its own applied state once it has applied at least the
     * read's {@code min-index}; every reply carries the log index it stands at. Sequentially consistent, not
     * linearizable (ZooKeeper's reads): a session that sticks to one node and sends the highest index it has seen
     * as {@code min-index} sees its own writes and never goes back in time, even across a restart of its node (a
     * restarted node waits until it has applied that index again), and every operation has a place in one order,
     * the log's: a write at its entry, a read at the applied index it was served at. A read at a follower that is
     * cut off from the leader returns values older than writes other sessions already saw acknowledged: a stale
     * read, which linearizability forbids and sequential consistency allows.
     */
    SEQUENTIAL;

    public String flag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ReadMode parse(String text) {
        for (ReadMode mode : values()) {
            if (mode.flag().equals(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--read-mode must be read-index, lease or sequential, got '" + text + "'");
    }
}
