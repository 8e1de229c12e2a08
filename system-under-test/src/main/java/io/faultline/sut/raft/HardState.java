package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import java.util.Optional;

/** What Raft must remember across crashes besides the log: the current term and whom it voted for in it. */
public record HardState(Term term, Optional<NodeId> votedFor) {

    public static final HardState INITIAL = new HardState(Term.ZERO, Optional.empty());
}
