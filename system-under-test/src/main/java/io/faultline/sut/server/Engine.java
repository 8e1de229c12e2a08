package io.faultline.sut.server;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.kv.Command;
import io.faultline.sut.kv.Outcome;
import io.faultline.sut.kv.Query;
import io.faultline.sut.raft.Configuration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

/**
 * One replication algorithm as the node's shared runtime sees it: the {@link HttpApi} hands it client commands and
 * queries and shows its status, whatever the algorithm. Each engine is a driver (a thread, its disk journal, its
 * peer messages on the shared transport) around a deterministic core with no I/O and no clock. Futures fail with a
 * {@link StoreException}, whose {@code definite} flag says whether the operation certainly did not happen.
 */
public interface Engine extends AutoCloseable {

    /** The name {@code --engine} gives it, e.g. {@code raft}. */
    String name();

    /** Applies a command; an operation the engine does not serve fails with {@link StoreException.Unsupported}. */
    CompletableFuture<Outcome> propose(Command command);

    /** Serves a read; an operation the engine does not serve fails with {@link StoreException.Unsupported}. */
    CompletableFuture<JsonValue> read(Query query);

    /**
     * Applies a command and says where in the log it went ({@link Indexed}); by default {@link #propose} with no
     * index, for an engine without a log.
     */
    default CompletableFuture<Indexed<Outcome>> proposeIndexed(Command command) {
        return propose(command).thenApply(Indexed::unplaced);
    }

    /**
     * Serves a read at or after log index {@code minIndex} where the read mode allows it ({@link
     * ReadMode#SEQUENTIAL}), saying which index it was served at; by default {@link #read}, with no index, for an
     * engine without a log (which has no {@code minIndex} to honour).
     */
    default CompletableFuture<Indexed<JsonValue>> readIndexed(Query query, long minIndex) {
        return read(query).thenApply(Indexed::unplaced);
    }

    /** Adds or removes a member; only engines with a membership protocol can. */
    default CompletableFuture<Outcome> changeMembers(UnaryOperator<Configuration> change) {
        return CompletableFuture.failedFuture(new StoreException.Unsupported(
                "the " + name() + " engine has a fixed membership: members are given by --peers at start"));
    }

    /** A consistent picture of the node, for {@code GET /status}, {@code GET /metrics} and the logs. */
    EngineStatus engineStatus();

    Set<Bug> bugs();

    /** The read mode's flag, or the engine's name for the one way it reads. */
    String readMode();

    boolean isRunning();

    @Override
    void close();
}
