package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Raft's safety properties, checked as a simulation runs: election safety (one leader per term), log matching,
 * leader completeness (a leader holds every committed entry), state machine safety (no two nodes apply different
 * entries at one index), and that a linearizable read reflects every entry committed before it was asked.
 */
final class SafetyChecker {

    private final long seed;
    private final List<String> violations = new ArrayList<>();
    private final Map<Term, NodeId> leaders = new HashMap<>();
    private final Map<LogIndex, LogEntry> committed = new HashMap<>();
    private LogIndex highestCommitted = LogIndex.ZERO;
    private final Map<NodeId, MemoryStorage> lastSeen = new LinkedHashMap<>();
    private final Map<NodeId, Role> roles = new HashMap<>();
    private final Map<LogIndex, Long> digests = new HashMap<>();

    SafetyChecker(long seed) {
        this.seed = seed;
    }

    void observe(RaftNode node, MemoryStorage disk) {
        lastSeen.put(node.id(), disk);
        Role before = roles.put(node.id(), node.role());
        if (node.role() != Role.LEADER) {
            return;
        }
        NodeId previous = leaders.putIfAbsent(node.term(), node.id());
        if (previous != null && !previous.equals(node.id())) {
            violation("election safety: " + previous + " and " + node.id() + " both led term " + node.term());
        }
        if (before != Role.LEADER) {
            long compacted = disk.snapshot().map(sn -> sn.index().value()).orElse(0L);
            for (LogEntry entry : committed.values()) {
                if (entry.index().value() <= compacted) {
                    continue; // in the snapshot: the digests check those
                }
                if (entry.index().isAfter(disk.lastIndex())
                        || !disk.entry(entry.index()).equals(entry)) {
                    violation("leader completeness: " + node.id() + " leads term " + node.term()
                            + " without committed entry " + entry);
                    return;
                }
            }
        }
    }

    void applied(NodeId node, LogEntry entry) {
        LogEntry earlier = committed.putIfAbsent(entry.index(), entry);
        if (earlier != null && !earlier.equals(entry)) {
            violation("state machine safety: " + node + " applied " + entry + " where " + earlier
                    + " was applied before");
        }
        highestCommitted = LogIndex.max(highestCommitted, entry.index());
    }

    /** A fingerprint of a node's state machine after applying everything up to {@code index}. */
    void digest(NodeId node, LogIndex index, long digest) {
        Long earlier = digests.putIfAbsent(index, digest);
        if (earlier != null && earlier != digest) {
            violation("state machine safety: " + node + " has state " + digest + " at index " + index
                    + " where another node had " + earlier);
        }
    }

    void readServedAt(NodeId node, LogIndex readIndex, LogIndex committedWhenAsked) {
        if (committedWhenAsked != null && readIndex.isBefore(committedWhenAsked)) {
            violation("linearizable read: " + node + " would serve a read at index " + readIndex + " although "
                    + committedWhenAsked + " was committed when it was asked");
        }
    }

    void crashed(NodeId node) {
        roles.remove(node);
        lastSeen.remove(node);
    }

    /** Log matching over every pair of live nodes: same index and term imply identical prefixes. */
    void checkLogMatching() {
        List<Map.Entry<NodeId, MemoryStorage>> all = new ArrayList<>(lastSeen.entrySet());
        for (int a = 0; a < all.size(); a++) {
            for (int b = a + 1; b < all.size(); b++) {
                MemoryStorage x = all.get(a).getValue();
                MemoryStorage y = all.get(b).getValue();
                long from = 1 + Math.max(first(x), first(y));
                long to = Math.min(x.lastIndex().value(), y.lastIndex().value());
                long agreement = -1;
                for (long i = to; i >= from; i--) {
                    if (x.entry(LogIndex.of(i))
                            .term()
                            .equals(y.entry(LogIndex.of(i)).term())) {
                        agreement = i;
                        break;
                    }
                }
                for (long i = from; i <= agreement; i++) {
                    LogEntry ex = x.entry(LogIndex.of(i));
                    LogEntry ey = y.entry(LogIndex.of(i));
                    if (!ex.equals(ey)) {
                        violation("log matching: " + all.get(a).getKey() + " and "
                                + all.get(b).getKey()
                                + " agree on the term at " + agreement + " but differ at " + i + ": " + ex + " vs "
                                + ey);
                        return;
                    }
                }
            }
        }
    }

    private static long first(MemoryStorage s) {
        return s.snapshot().map(sn -> sn.index().value()).orElse(0L);
    }

    void violation(String what) {
        if (violations.size() < 10) {
            violations.add(what);
        }
    }

    LogIndex highestCommitted() {
        return highestCommitted;
    }

    int committedCount() {
        return committed.size();
    }

    List<String> violations() {
        return violations;
    }

    String describe() {
        return "seed " + seed + " (rerun with -Dfaultline.sim.seed=" + seed + "): " + String.join("; ", violations);
    }
}
