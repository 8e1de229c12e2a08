package io.faultline.sut.server;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.kv.KvStateMachine;
import io.faultline.sut.kv.Outcome;
import io.faultline.sut.kv.Query;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.LogEntry;
import io.faultline.sut.raft.LogIndex;
import io.faultline.sut.raft.Ready;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Client requests waiting for Raft: writes until their log entry is applied, reads until leadership is confirmed
 * and the state machine has caught up with their read index. Each is answered exactly once, and every failure says
 * whether the request certainly did not take effect.
 */
final class PendingRequests {

    private record PendingWrite(LogEntry entry, CompletableFuture<Indexed<Outcome>> answer) {}

    private record PendingRead(Query query, CompletableFuture<Indexed<JsonValue>> answer) {}

    /** Local reads waiting for their {@code min-index} get pruned of answers given up on beyond this many. */
    private static final int PRUNE_ABOVE = 1024;

    private final NodeId self;
    private final Metrics metrics;
    private final TreeMap<Long, List<PendingWrite>> writes = new TreeMap<>();
    private final Map<Long, PendingRead> confirming = new HashMap<>();
    private final TreeMap<Long, List<PendingRead>> waitingForApply = new TreeMap<>();
    private final TreeMap<Long, List<PendingRead>> waitingForMinIndex = new TreeMap<>();
    private int localWaiting;

    PendingRequests(NodeId self, Metrics metrics) {
        this.self = self;
        this.metrics = metrics;
    }

    void write(LogEntry entry, CompletableFuture<Indexed<Outcome>> answer) {
        writes.computeIfAbsent(entry.index().value(), i -> new ArrayList<>()).add(new PendingWrite(entry, answer));
    }

    void read(long id, Query query, CompletableFuture<Indexed<JsonValue>> answer) {
        confirming.put(id, new PendingRead(query, answer));
    }

    /**
     * A read served from this node's own state ({@link ReadMode#SEQUENTIAL}) once it has applied {@code minIndex}:
     * by the next {@link #serveReads}, which comes in the same round.
     */
    void readLocally(long minIndex, Query query, CompletableFuture<Indexed<JsonValue>> answer) {
        if (localWaiting >= PRUNE_ABOVE) {
            // answers the HTTP API gave up on (timed out) are cancelled: drop them rather than keep them for ever
            waitingForMinIndex
                    .values()
                    .forEach(list -> list.removeIf(r -> r.answer().isDone()));
            waitingForMinIndex.values().removeIf(List::isEmpty);
            localWaiting =
                    waitingForMinIndex.values().stream().mapToInt(List::size).sum();
        }
        waitingForMinIndex.computeIfAbsent(minIndex, k -> new ArrayList<>()).add(new PendingRead(query, answer));
        localWaiting++;
    }

    /**
     * The entry at an index was applied with {@code outcome}. Several proposals may wait on one index (this node
     * led, lost its entry, led again); the committed entry is at most one of them, and no other can now commit.
     */
    void applied(LogEntry entry, Outcome outcome) {
        List<PendingWrite> waiting = writes.remove(entry.index().value());
        if (waiting == null) {
            return;
        }
        for (PendingWrite pending : waiting) {
            if (pending.entry().term().equals(entry.term())) {
                pending.answer().complete(Indexed.at(outcome, entry.index().value()));
            } else {
                pending.answer()
                        .completeExceptionally(new StoreException.Superseded("the write's log entry " + entry.index()
                                + " of term " + pending.entry().term() + " was replaced by the committed entry of term "
                                + entry.term()));
            }
        }
    }

    /** The leader's snapshot replaced the entries up to {@code index}: their writes' fate is unknown here. */
    void coveredBySnapshot(LogIndex index) {
        var covered = writes.headMap(index.value(), true);
        for (List<PendingWrite> list : covered.values()) {
            for (PendingWrite w : list) {
                w.answer()
                        .completeExceptionally(new StoreException.Unavailable(
                                "the write's entry " + w.entry().index() + " was replaced by the leader's snapshot"
                                        + " before this node applied it: whether it committed is unknown",
                                false));
            }
        }
        covered.clear();
    }

    void readOutcome(Ready.ReadOutcome outcome) {
        PendingRead read = confirming.remove(outcome.id());
        if (read == null) {
            return;
        }
        switch (outcome) {
            case Ready.ReadConfirmed c ->
                waitingForApply
                        .computeIfAbsent(c.index().value(), k -> new ArrayList<>())
                        .add(read);
            case Ready.ReadAborted a ->
                read.answer()
                        .completeExceptionally(new StoreException.LeadershipLost(
                                self + " lost leadership before confirming the read", a.leader()));
        }
    }

    /**
     * Serves the confirmed reads whose index the state machine has reached, and the local reads whose
     * {@code min-index} it has, each at the applied index.
     */
    void serveReads(LogIndex applied, KvStateMachine state) {
        while (!waitingForApply.isEmpty() && waitingForApply.firstKey() <= applied.value()) {
            for (PendingRead read : waitingForApply.pollFirstEntry().getValue()) {
                read.answer().complete(Indexed.at(state.query(read.query()), applied.value()));
                metrics.readServed();
            }
        }
        while (!waitingForMinIndex.isEmpty() && waitingForMinIndex.firstKey() <= applied.value()) {
            for (PendingRead read : waitingForMinIndex.pollFirstEntry().getValue()) {
                localWaiting--;
                if (read.answer().complete(Indexed.at(state.query(read.query()), applied.value()))) {
                    metrics.readServedLocally();
                }
            }
        }
    }

    /** The node stops: writes in flight may still commit elsewhere, reads did nothing. */
    void failAll() {
        for (List<PendingWrite> list : writes.values()) {
            for (PendingWrite w : list) {
                w.answer().completeExceptionally(new StoreException.Unavailable("the node is stopping", false));
            }
        }
        writes.clear();
        for (PendingRead r : confirming.values()) {
            r.answer().completeExceptionally(new StoreException.Unavailable("the node is stopping", true));
        }
        confirming.clear();
        for (List<PendingRead> list : waitingForApply.values()) {
            for (PendingRead r : list) {
                r.answer().completeExceptionally(new StoreException.Unavailable("the node is stopping", true));
            }
        }
        waitingForApply.clear();
        for (List<PendingRead> list : waitingForMinIndex.values()) {
            for (PendingRead r : list) {
                r.answer().completeExceptionally(new StoreException.Unavailable("the node is stopping", true));
            }
        }
        waitingForMinIndex.clear();
        localWaiting = 0;
    }
}
