package io.faultline.sut.server;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Role;
import io.faultline.sut.raft.Term;
import java.util.List;
import java.util.Optional;

/** A consistent picture of a node, published by its Raft loop after every round. */
public record Status(
        NodeId node,
        Role role,
        Term term,
        Optional<NodeId> leader,
        long commitIndex,
        long appliedIndex,
        long lastIndex,
        List<NodeId> members) {}
