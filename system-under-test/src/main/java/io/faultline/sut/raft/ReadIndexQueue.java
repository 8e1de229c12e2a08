package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Ready.ReadAborted;
import io.faultline.sut.raft.Ready.ReadConfirmed;
import io.faultline.sut.raft.Ready.ReadOutcome;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Reads waiting for a majority to confirm that the leader that took them is still the leader. */
final class ReadIndexQueue {

    private record Pending(long id, LogIndex index, long round) {}

    private final Deque<Pending> pending = new ArrayDeque<>();
    private final List<ReadOutcome> done = new ArrayList<>();

    void add(long id, LogIndex index, long round) {
        pending.addLast(new Pending(id, index, round));
    }

    /** Every read taken in a round at or before {@code round} is confirmed. */
    void confirmUpTo(long round) {
        while (!pending.isEmpty() && pending.peekFirst().round() <= round) {
            Pending p = pending.removeFirst();
            done.add(new ReadConfirmed(p.id(), p.index()));
        }
    }

    void abortAll(Optional<NodeId> leader) {
        for (Pending p : pending) {
            done.add(new ReadAborted(p.id(), leader));
        }
        pending.clear();
    }

    List<ReadOutcome> drain() {
        List<ReadOutcome> out = List.copyOf(done);
        done.clear();
        return out;
    }
}
