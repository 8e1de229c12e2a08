package io.faultline.sut.server;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.kv.Command;
import io.faultline.sut.kv.Outcome;
import io.faultline.sut.kv.Query;
import io.faultline.sut.raft.Configuration;
import io.faultline.sut.raft.Message;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/** What the {@link RaftServer}'s loop takes from its queue: peer messages, client requests, and its own stop. */
sealed interface Input {

    /** Answers the client that is waiting for this input, if any, with {@code failure}: it will not be handled. */
    default void refuse(StoreException failure) {}

    record Incoming(Message message) implements Input {}

    record Propose(Command command, CompletableFuture<Indexed<Outcome>> answer) implements Input {
        @Override
        public void refuse(StoreException failure) {
            answer.completeExceptionally(failure);
        }
    }

    /** A read; in {@link ReadMode#SEQUENTIAL} served once this node has applied {@code minIndex}. */
    record Read(Query query, long minIndex, CompletableFuture<Indexed<JsonValue>> answer) implements Input {
        @Override
        public void refuse(StoreException failure) {
            answer.completeExceptionally(failure);
        }
    }

    record ChangeMembers(UnaryOperator<Configuration> change, CompletableFuture<Indexed<Outcome>> answer)
            implements Input {
        @Override
        public void refuse(StoreException failure) {
            answer.completeExceptionally(failure);
        }
    }

    record Stop() implements Input {}
}
