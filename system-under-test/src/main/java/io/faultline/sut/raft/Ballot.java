package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import java.util.HashSet;
import java.util.Set;

/** The votes a node gathered in its current attempt to lead: a pre-vote (asking) or an election (standing). */
final class Ballot {

    private final NodeId self;
    private final Set<NodeId> granted = new HashSet<>();
    private boolean preVote;
    private boolean open;

    Ballot(NodeId self) {
        this.self = self;
    }

    /** Starts counting, with this node's own vote. */
    void open(boolean preVote) {
        this.preVote = preVote;
        this.open = true;
        granted.clear();
        granted.add(self);
    }

    void close() {
        open = false;
    }

    boolean isOpenPreVote() {
        return open && preVote;
    }

    void grant(NodeId voter) {
        granted.add(voter);
    }

    /** Whether the votes of members of {@code configuration} make a majority of it. */
    boolean won(Configuration configuration) {
        return granted.stream().filter(configuration::contains).count() >= configuration.majority();
    }

    /** Raft's election restriction: a voter's log must not be more up to date than the candidate's. */
    static boolean candidateIsUpToDate(Storage voterLog, LogIndex candidateLast, Term candidateLastTerm) {
        LogIndex myLast = voterLog.lastIndex();
        Term myLastTerm = voterLog.termAt(myLast);
        return candidateLastTerm.isAfter(myLastTerm)
                || (candidateLastTerm.equals(myLastTerm) && !candidateLast.isBefore(myLast));
    }
}
