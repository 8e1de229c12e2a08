package io.faultline.sut.raft;

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
            List<LogEntry> log = disk.snapshotOfLog();
            for (LogEntry entry : committed.values()) {
                int i = (int) entry.index().value() - 1;
                if (i >= log.size() || !log.get(i).equals(entry)) {
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
                List<LogEntry> x = all.get(a).getValue().snapshotOfLog();
                List<LogEntry> y = all.get(b).getValue().snapshotOfLog();
                int common = Math.min(x.size(), y.size());
                int highestAgreement = -1;
                for (int i = common - 1; i >= 0; i--) {
                    if (x.get(i).term().equals(y.get(i).term())) {
                        highestAgreement = i;
                        break;
                    }
                }
                for (int i = 0; i <= highestAgreement; i++) {
                    if (!x.get(i).equals(y.get(i))) {
                        violation("log matching: " + all.get(a).getKey() + " and "
                                + all.get(b).getKey()
                                + " agree on the term at " + (highestAgreement + 1) + " but differ at " + (i + 1)
                                + ": " + x.get(i) + " vs " + y.get(i));
                        return;
                    }
                }
            }
        }
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
