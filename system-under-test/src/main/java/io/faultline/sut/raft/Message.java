package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import java.util.List;

/** Everything Raft peers say to each other. Each message carries the sender's term. */
public sealed interface Message {

    NodeId from();

    NodeId to();

    Term term();

    /**
     * A candidate asks for a vote; with {@code preVote}, a follower asks whether it would get one in {@code term}
     * (its own term plus one) before it disrupts anyone by really standing.
     */
    record RequestVote(NodeId from, NodeId to, Term term, LogIndex lastIndex, Term lastTerm, boolean preVote)
            implements Message {}

    /** The answer to {@link RequestVote}; a granted pre-vote carries the term it was asked for. */
    record VoteResponse(NodeId from, NodeId to, Term term, boolean granted, boolean preVote) implements Message {}

    /**
     * The leader replicates entries following {@code (prevIndex, prevTerm)}, or only asserts its leadership when
     * {@code entries} is empty. {@code seq} numbers the leader's rounds so that acknowledgements confirm reads.
     */
    record AppendEntries(
            NodeId from,
            NodeId to,
            Term term,
            LogIndex prevIndex,
            Term prevTerm,
            List<LogEntry> entries,
            LogIndex leaderCommit,
            long seq)
            implements Message {
        public AppendEntries {
            entries = List.copyOf(entries);
        }
    }

    /** The leader replaces a follower's log up to the snapshot's index, because it no longer holds those entries. */
    record InstallSnapshot(NodeId from, NodeId to, Term term, Snapshot snapshot, long seq) implements Message {}

    /**
     * The answer to {@link AppendEntries} and {@link InstallSnapshot}. On success {@code index} is the last index known to match the leader;
     * on rejection it is the index the leader should retry from.
     */
    record AppendResponse(NodeId from, NodeId to, Term term, boolean success, LogIndex index, long seq)
            implements Message {}
}
