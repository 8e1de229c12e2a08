package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import java.util.List;
import java.util.Optional;

/**
 * What a node wants done after some input: the {@code eager} messages (a leader's AppendEntries and
 * InstallSnapshot) may go at once; so may restoring the state machine from the snapshot if there is one, applying
 * the committed entries in order and answering the reads, none of which depends on this round's writes; the other
 * messages (votes and acknowledgements, which promise durability) go only after the storage is synced and the node
 * told with {@link RaftNode#persisted(LogIndex)}.
 */
public record Ready(
        Optional<Snapshot> snapshot,
        List<Message> eager,
        List<Message> messages,
        List<LogEntry> committed,
        List<ReadOutcome> reads) {

    public Ready {
        eager = List.copyOf(eager);
        messages = List.copyOf(messages);
        committed = List.copyOf(committed);
        reads = List.copyOf(reads);
    }

    public boolean isEmpty() {
        return snapshot.isEmpty() && eager.isEmpty() && messages.isEmpty() && committed.isEmpty() && reads.isEmpty();
    }

    /** The fate of a linearizable read asked with {@link RaftNode#requestRead(long)}. */
    public sealed interface ReadOutcome {
        long id();
    }

    /** Leadership was confirmed: the read may be served once entries up to {@code index} are applied. */
    public record ReadConfirmed(long id, LogIndex index) implements ReadOutcome {}

    /** This node stopped being leader before it could confirm the read, which therefore did not happen. */
    public record ReadAborted(long id, Optional<NodeId> leader) implements ReadOutcome {}
}
