package io.faultline.sut.quorum;

import java.util.List;

/**
 * What a {@link QuorumNode} wants done after some inputs, in this order: make {@code persist} durable (write and
 * sync), then send {@code messages} and report {@code completions}. A {@link QuorumMessage.StoreAck} promises that
 * the replica holds the value durably, and a {@link QuorumMessage.QueryReply} may show a value just stored, so no
 * message may leave before the sync of its own ready and of every earlier one.
 */
public record QuorumReady(List<Persist> persist, List<QuorumMessage> messages, List<Completion> completions) {

    public QuorumReady {
        persist = List.copyOf(persist);
        messages = List.copyOf(messages);
        completions = List.copyOf(completions);
    }

    public boolean isEmpty() {
        return persist.isEmpty() && messages.isEmpty() && completions.isEmpty();
    }

    /** A replica's new value of {@code key}, which replaces the one it held durably. */
    public record Persist(String key, Versioned versioned) {}
}
