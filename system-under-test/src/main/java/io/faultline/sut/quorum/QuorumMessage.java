package io.faultline.sut.quorum;

import io.faultline.sut.node.NodeId;

/**
 * Everything quorum nodes say to each other. A coordinator numbers each phase of each operation with an {@code op}
 * id of its own; replicas echo it, so that the coordinator counts a reply only towards the phase that asked.
 */
public sealed interface QuorumMessage {

    NodeId from();

    NodeId to();

    long op();

    String key();

    /** Asks a replica for its current version and value of {@code key}. */
    record Query(NodeId from, NodeId to, long op, String key) implements QuorumMessage {}

    /** A replica's answer to {@link Query}: what it holds ({@link Versioned#NONE} if nothing). */
    record QueryReply(NodeId from, NodeId to, long op, String key, Versioned current) implements QuorumMessage {}

    /** Asks a replica to keep {@code proposed} if it is newer than what it holds. */
    record Store(NodeId from, NodeId to, long op, String key, Versioned proposed) implements QuorumMessage {}

    /**
     * A replica's answer to {@link Store}, sent whether or not it kept the value: it now durably holds {@code
     * proposed} or something newer.
     */
    record StoreAck(NodeId from, NodeId to, long op, String key) implements QuorumMessage {}
}
