package io.faultline.sut.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * When a leader's read lease holds: it remembers when each heartbeat round was first sent, and the lease lasts a
 * fixed time from the send of the latest round a majority acknowledged. Safe only if the lease is shorter than the
 * followers' minimum election timeout by more than the clocks can drift apart in that time.
 */
final class LeaseClock {

    private final LongSupplier clockNanos;
    private final long leaseNanos;
    private final TreeMap<Long, Long> sentAt = new TreeMap<>();

    LeaseClock(LongSupplier clockNanos, long leaseNanos) {
        this.clockNanos = clockNanos;
        this.leaseNanos = leaseNanos;
    }

    void roundSent(long round) {
        sentAt.putIfAbsent(round, clockNanos.getAsLong());
        while (sentAt.size() > 1024) {
            sentAt.pollFirstEntry();
        }
    }

    boolean holds(long quorumAckedRound) {
        Map.Entry<Long, Long> sent = sentAt.floorEntry(quorumAckedRound);
        if (sent == null || quorumAckedRound == 0) {
            return false;
        }
        return clockNanos.getAsLong() - sent.getValue() < leaseNanos;
    }
}
