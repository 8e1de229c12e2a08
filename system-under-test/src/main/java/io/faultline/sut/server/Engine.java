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
