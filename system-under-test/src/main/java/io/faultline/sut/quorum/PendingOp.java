package io.faultline.sut.quorum;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.node.NodeId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One client operation a {@link QuorumNode} coordinates, in its query or store phase. Each phase has its own op id,
 * so replies to an earlier phase (or an earlier operation) never count towards the current one; the replicas that
 * answered the current phase are remembered so that retries go only to the silent ones.
 */
final class PendingOp {

    enum Phase {
        QUERY,
        STORE
    }

    final long requestId;
    final boolean write;
    final String key;
    /** The value a write stores; null for a read. */
    final JsonValue value;

    private Phase phase;
    private long op;
    private Versioned proposed;
    private final Map<NodeId, Versioned> answers = new LinkedHashMap<>();
    private int age;
    private int sinceSend;

    PendingOp(long requestId, boolean write, String key, JsonValue value) {
        this.requestId = requestId;
        this.write = write;
        this.key = key;
        this.value = value;
    }

    /** Starts asking replicas for their versions, as phase {@code op}. */
    void query(long newOp) {
        enter(Phase.QUERY, newOp, null);
    }

    /** Starts storing {@code newProposed} on replicas, as phase {@code op}. */
    void store(long newOp, Versioned newProposed) {
        enter(Phase.STORE, newOp, newProposed);
    }

    private void enter(Phase newPhase, long newOp, Versioned newProposed) {
        phase = newPhase;
        op = newOp;
        proposed = newProposed;
        answers.clear();
        sinceSend = 0;
    }

    Phase phase() {
        return phase;
    }

    long op() {
        return op;
    }

    /** What the store phase stores (empty in the query phase). */
    Optional<Versioned> proposed() {
        return Optional.ofNullable(proposed);
    }

    /** Counts a replica's answer to the current phase (its current value, or what it was asked to store). */
    int answer(NodeId replica, Versioned v) {
        answers.putIfAbsent(replica, v);
        return answers.size();
    }

    boolean answered(NodeId replica) {
        return answers.containsKey(replica);
    }

    int answers() {
        return answers.size();
    }

    /** The newest value among the query replies so far ({@link Versioned#NONE} if none). */
    Versioned newestSeen() {
        Versioned newest = Versioned.NONE;
        for (Versioned v : answers.values()) {
            newest = newest.newest(v);
        }
        return newest;
    }

    /** Advances by one tick; returns whether the current phase's message is due to be sent again. */
    boolean tick(int retryTicks) {
        age++;
        sinceSend++;
        if (sinceSend >= retryTicks) {
            sinceSend = 0;
            return true;
        }
        return false;
    }

    int age() {
        return age;
    }

    @Override
    public String toString() {
        return (write ? "write " : "read ") + requestId + " of " + key + " in its "
                + phase.name().toLowerCase() + " phase (op " + op + ")";
    }
}
