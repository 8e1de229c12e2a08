package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import java.util.Optional;

/**
 * Who a node is in its current term: its role, the term, whom it voted for (both saved to storage whenever they
 * change, before the driver's next sync) and the leader it knows. Shared by {@link RaftNode} and its
 * {@link Elections}.
 */
final class TermState {

    private final Storage storage;
    private Role role = Role.FOLLOWER;
    private Term term;
    private Optional<NodeId> votedFor;
    private Optional<NodeId> leader = Optional.empty();

    TermState(Storage storage) {
        this.storage = storage;
        HardState hard = storage.hardState();
        this.term = hard.term();
        this.votedFor = hard.votedFor();
    }

    Role role() {
        return role;
    }

    Term term() {
        return term;
    }

    Optional<NodeId> votedFor() {
        return votedFor;
    }

    Optional<NodeId> leader() {
        return leader;
    }

    /** Moves to a later term, in which this node has not voted yet. */
    void adoptTerm(Term later) {
        term = later;
        votedFor = Optional.empty();
        save();
    }

    /** Stands for election: the next term, voting for itself, no leader known. */
    void standAsCandidate(NodeId self) {
        role = Role.CANDIDATE;
        term = term.next();
        votedFor = Optional.of(self);
        leader = Optional.empty();
        save();
    }

    /** Votes for {@code candidate} in the current term. */
    void voteFor(NodeId candidate) {
        votedFor = Optional.of(candidate);
        save();
    }

    void follow(Optional<NodeId> newLeader) {
        role = Role.FOLLOWER;
        leader = newLeader;
    }

    void lead(NodeId self) {
        role = Role.LEADER;
        leader = Optional.of(self);
    }

    private void save() {
        storage.saveHardState(new HardState(term, votedFor));
    }
}
