package io.faultline.sut.server;

import java.util.Locale;

/** How the leader makes sure a read is linearizable. */
public enum ReadMode {
    /** Confirm leadership with a majority for every batch of reads (Raft's ReadIndex). The default. */
    READ_INDEX,
    /**
     * Serve reads locally while a lease holds: a majority acknowledged a heartbeat sent less than 80% of the
     * minimum election timeout ago (monotonic clock), and followers refuse votes for that long.
     */
    LEASE;

    public String flag() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static ReadMode parse(String text) {
        for (ReadMode mode : values()) {
            if (mode.flag().equals(text.trim())) {
                return mode;
            }
        }
        throw new IllegalArgumentException("--read-mode must be read-index or lease, got '" + text + "'");
    }
}
