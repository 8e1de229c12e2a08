package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import java.util.Optional;

/** Only the leader accepts writes and linearizable reads; this carries the leader this node knows of, if any. */
public final class NotLeaderException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient Optional<NodeId> leader;

    public NotLeaderException(NodeId self, Optional<NodeId> leader) {
        super(self + " is not the leader"
                + leader.map(l -> "; the leader is " + l).orElse("; no leader is known"));
        this.leader = leader;
    }

    public Optional<NodeId> leader() {
        return leader;
    }
}
