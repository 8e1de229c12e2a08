package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Message.AppendEntries;
import io.faultline.sut.raft.Message.AppendResponse;
import io.faultline.sut.raft.Message.InstallSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A leader's view of its followers: what to send each (batched and pipelined AppendEntries), what each has
 * acknowledged, and what a majority of the configuration therefore holds.
 */
final class Replication {

    private final NodeId self;
    private final Storage storage;
    private final RaftOptions options;
    private final Map<NodeId, Progress> progress = new TreeMap<>();
    private long round;

    Replication(NodeId self, Storage storage, RaftOptions options) {
        this.self = self;
        this.storage = storage;
        this.options = options;
    }

    /** A new term of leadership: every follower is assumed to be up to date until it says otherwise. */
    void reset(Configuration configuration) {
        progress.clear();
        reconfigure(configuration);
    }

    /** Tracks exactly the members of {@code configuration} other than this node. */
    void reconfigure(Configuration configuration) {
        progress.keySet().removeIf(id -> !configuration.contains(id));
        for (NodeId id : configuration.ids()) {
            if (!id.equals(self)) {
                progress.computeIfAbsent(
                        id, k -> new Progress(storage.lastIndex().next()));
            }
        }
    }

    void clear() {
        progress.clear();
    }

    boolean hasFollowers() {
        return !progress.isEmpty();
    }

    long round() {
        return round;
    }

    /** Starts a new round: an AppendEntries (entries from the follower's next index, if any) to every follower. */
    void heartbeat(Term term, LogIndex commit, List<Message> out) {
        round++;
        for (Map.Entry<NodeId, Progress> e : progress.entrySet()) {
            e.getValue().inflight = 0;
            send(e.getKey(), e.getValue(), term, commit, 0, out);
        }
    }

    /** Sends new entries to every follower with room in its pipeline. */
    void replicate(Term term, LogIndex commit, List<Message> out) {
        for (Map.Entry<NodeId, Progress> e : progress.entrySet()) {
            Progress p = e.getValue();
            while (p.inflight < options.maxInflight() && !p.next.isAfter(storage.lastIndex())) {
                send(e.getKey(), p, term, commit, options.maxBatch(), out);
            }
        }
    }

    private void send(NodeId peer, Progress p, Term term, LogIndex commit, int max, List<Message> out) {
        Optional<Snapshot> snapshot = storage.snapshot();
        if (snapshot.isPresent() && !p.next.isAfter(snapshot.get().index())) {
            if (max == 0) {
                // A heartbeat probes just after the snapshot; the entries the follower lacks go as a snapshot.
                LogIndex at = snapshot.get().index();
                out.add(new AppendEntries(self, peer, term, at, snapshot.get().term(), List.of(), commit, round));
                return;
            }
            out.add(new InstallSnapshot(self, peer, term, snapshot.get(), round));
            p.next = snapshot.get().index().next();
            p.inflight++;
            return;
        }
        LogIndex prev = p.next.previous();
        List<LogEntry> entries = max == 0 ? List.of() : storage.entries(p.next, max);
        out.add(new AppendEntries(self, peer, term, prev, storage.termAt(prev), entries, commit, round));
        if (!entries.isEmpty()) {
            p.next = entries.getLast().index().next();
            p.inflight++;
        }
    }

    /** Records a follower's answer in the current term; true if its match index advanced. */
    boolean onResponse(AppendResponse m) {
        Progress p = progress.get(m.from());
        if (p == null) {
            return false;
        }
        p.recentlyActive = true;
        p.ackedSeq = Math.max(p.ackedSeq, m.seq());
        if (!m.success()) {
            p.next = LogIndex.max(
                    p.match.next(), LogIndex.min(m.index(), storage.lastIndex().next()));
            p.inflight = 0;
            return false;
        }
        boolean advanced = m.index().isAfter(p.match);
        if (advanced) {
            p.match = m.index();
        }
        p.next = LogIndex.max(p.next, p.match.next());
        p.inflight = Math.max(0, p.inflight - 1);
        return advanced;
    }

    /**
     * The highest index a majority of {@code configuration} holds durably; this node counts with {@code durable},
     * the end of its own synced log, if it is a member.
     */
    LogIndex quorumMatch(Configuration configuration, LogIndex durable) {
        List<LogIndex> matches = new ArrayList<>();
        for (NodeId id : configuration.ids()) {
            matches.add(id.equals(self) ? durable : progress.get(id).match);
        }
        return kthHighest(matches, configuration.majority(), LogIndex.ZERO);
    }

    /** The latest round a majority of {@code configuration} acknowledged (this node acknowledges every round). */
    long quorumAckedRound(Configuration configuration) {
        List<Long> acked = new ArrayList<>();
        for (NodeId id : configuration.ids()) {
            acked.add(id.equals(self) ? round : progress.get(id).ackedSeq);
        }
        return kthHighest(acked, configuration.majority(), 0L);
    }

    /** Whether a majority answered since the last check; starts a new check period. */
    boolean quorumActiveSinceLastCheck(Configuration configuration) {
        int active = 0;
        for (NodeId id : configuration.ids()) {
            if (id.equals(self) || progress.get(id).recentlyActive) {
                active++;
            }
        }
        for (Progress p : progress.values()) {
            p.recentlyActive = false;
        }
        return active >= configuration.majority();
    }

    private static <T extends Comparable<T>> T kthHighest(List<T> values, int k, T none) {
        if (values.size() < k) {
            return none;
        }
        values.sort(null);
        return values.get(values.size() - k);
    }
}
