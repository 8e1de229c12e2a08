package io.faultline.sut.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;

/**
 * When a leader's read lease holds: it remembers when each heartbeat round was first sent, and the lease lasts a
 * fixed time from the send of the latest round a majority acknowledged.
 */
final class LeaseClock {

    private final LongSupplier clockMillis;
    private final long leaseMillis;
    private final TreeMap<Long, Long> sentAt = new TreeMap<>();

    private LeaseClock(LongSupplier clockMillis, long leaseMillis) {
        this.clockMillis = clockMillis;
        this.leaseMillis = leaseMillis;
    }

    /** The correct lease: a monotonic clock, and shorter than the followers' minimum election timeout. */
    static LeaseClock monotonicWithMargin(long leaseMillis) {
        return new LeaseClock(() -> System.nanoTime() / 1_000_000, leaseMillis);
    }

    /** The bug: the wall clock (which jumps) and as long as the longest election timeout. */
    static LeaseClock wallClockWithoutBound(long leaseMillis) {
        return new LeaseClock(System::currentTimeMillis, leaseMillis);
    }

    void roundSent(long round) {
        sentAt.putIfAbsent(round, clockMillis.getAsLong());
        while (sentAt.size() > 1024) {
            sentAt.pollFirstEntry();
        }
    }

    boolean holds(long quorumAckedRound) {
        Map.Entry<Long, Long> sent = sentAt.floorEntry(quorumAckedRound);
        if (sent == null || quorumAckedRound == 0) {
            return false;
        }
        return clockMillis.getAsLong() < sent.getValue() + leaseMillis;
    }
}
