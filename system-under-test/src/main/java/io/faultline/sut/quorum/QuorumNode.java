package io.faultline.sut.quorum;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.Completion.ReadDone;
import io.faultline.sut.quorum.Completion.TimedOut;
import io.faultline.sut.quorum.Completion.WriteDone;
import io.faultline.sut.quorum.QuorumMessage.Query;
import io.faultline.sut.quorum.QuorumMessage.QueryReply;
import io.faultline.sut.quorum.QuorumMessage.Store;
import io.faultline.sut.quorum.QuorumMessage.StoreAck;
import io.faultline.sut.quorum.QuorumReady.Persist;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * One member of a leaderless quorum store (multi-writer ABD) as a deterministic state machine without I/O or
 * clock. Every node is a replica of every key and coordinates the reads and writes its clients send it:
 *
 * <ul>
 *   <li>a write queries all replicas, waits for {@code r} replies, and stores its value on all of them with a
 *       version one above the newest it saw (its own id breaking ties), done after {@code w} acknowledgements;
 *   <li>a read queries likewise, then stores the newest value it saw back on {@code w} replicas before it answers,
 *       so that no later read can see anything older (that write-back is what makes reads atomic);
 *   <li>as a replica, a node answers queries with what it holds and keeps a stored value when it is newer.
 * </ul>
 *
 * <p>The driver feeds {@link #read}, {@link #write}, {@link #step} and {@link #tick}, and after them carries out
 * {@link #ready()}: sync, then send and report. A coordinator sends to every replica including itself; the driver
 * delivers those messages back like any other. Keys are independent. Not thread-safe: one thread owns a node.
 *
 * <p>Two details keep versions unique, which atomicity rests on. A write stores its new version on this node's own
 * replica (in the same ready, so durably before anyone else can hold it) and picks its counter above that replica's
 * too, so a write after a timed-out one, or after a restart, never reuses a version a minority may still hold. And
 * op ids carry the node's incarnation, so that replies to a previous life are never counted by the next one.
 */
public final class QuorumNode {

    private final NodeId self;
    private final List<NodeId> replicas;
    private final QuorumOptions options;
    private final Map<String, Versioned> state = new HashMap<>();
    private final Map<String, Versioned> unpersisted = new LinkedHashMap<>();
    private final Map<Long, PendingOp> byOp = new LinkedHashMap<>();
    private final Set<Long> requests = new HashSet<>();
    private final List<QuorumMessage> outbox = new ArrayList<>();
    private final List<Completion> completions = new ArrayList<>();
    private long nextOp;

    /** A node in its first life (incarnation 0). */
    public QuorumNode(NodeId self, List<NodeId> replicas, QuorumOptions options, Map<String, Versioned> recovered) {
        this(self, replicas, options, recovered, 0);
    }

    /**
     * @param replicas every node of the store, this one included
     * @param recovered the replica state this node made durable before (empty on first start)
     * @param incarnation how many times this node started before; the driver keeps it durably. It goes into the
     *     op ids, so that a reply to an operation of a previous life never counts towards one of this life
     */
    public QuorumNode(
            NodeId self,
            List<NodeId> replicas,
            QuorumOptions options,
            Map<String, Versioned> recovered,
            long incarnation) {
        this.self = Objects.requireNonNull(self, "self");
        this.replicas = List.copyOf(replicas);
        this.options = Objects.requireNonNull(options, "options");
        if (!this.replicas.contains(self) || new HashSet<>(this.replicas).size() != this.replicas.size()) {
            throw new IllegalArgumentException(
                    "replicas must list every node once, " + self + " included, got " + replicas);
        }
        if (options.r() > this.replicas.size() || options.w() > this.replicas.size()) {
            throw new IllegalArgumentException("r=" + options.r() + " and w=" + options.w() + " must not exceed the "
                    + this.replicas.size() + " replicas");
        }
        if (incarnation < 0 || incarnation >= (1L << 31)) {
            throw new IllegalArgumentException("incarnation must be in [0, 2^31), got " + incarnation);
        }
        this.state.putAll(recovered);
        this.nextOp = (incarnation << 32) + 1;
    }

    // ---- inputs -------------------------------------------------------------------------------------------

    /** Starts a read of {@code key}; it ends with a {@link ReadDone} or {@link TimedOut} of {@code requestId}. */
    public void read(long requestId, String key) {
        PendingOp op = admit(new PendingOp(requestId, false, key, null));
        enter(op, () -> op.query(nextOp++));
    }

    /**
     * Starts a write of {@code value} to {@code key}; it ends with a {@link WriteDone} or {@link TimedOut}.
     *
     * @param wallMillis the driver's wall clock, used only with {@link QuorumOptions#wallClockVersions()} (then it
     *     is the write's version and must be at least 1)
     */
    public void write(long requestId, String key, JsonValue value, long wallMillis) {
        Objects.requireNonNull(value, "value (JsonValue.NULL for JSON null)");
        if (options.wallClockVersions() && wallMillis < 1) {
            throw new IllegalArgumentException("a wall-clock version must be at least 1, got " + wallMillis);
        }
        PendingOp op = admit(new PendingOp(requestId, true, key, value));
        if (options.wallClockVersions()) {
            startStore(op, new Versioned(new Version(wallMillis, self), value));
        } else {
            enter(op, () -> op.query(nextOp++));
        }
    }

    /** Handles one message; messages for other nodes, or from nodes that are not replicas, are dropped. */
    public void step(QuorumMessage message) {
        if (!message.to().equals(self) || !replicas.contains(message.from())) {
            return;
        }
        switch (message) {
            case Query m -> outbox.add(new QueryReply(self, m.from(), m.op(), m.key(), current(m.key())));
            case Store m -> {
                keepIfNewer(m.key(), m.proposed());
                outbox.add(new StoreAck(self, m.from(), m.op(), m.key()));
            }
            case QueryReply m -> onQueryReply(m);
            case StoreAck m -> onStoreAck(m);
        }
    }

    /** Advances this node's clock by one tick: resends to silent replicas, and gives up operations that are late. */
    public void tick() {
        for (PendingOp op : List.copyOf(byOp.values())) {
            boolean retry = op.tick(options.retryTicks());
            if (op.age() >= options.timeoutTicks()) {
                finish(
                        op,
                        new TimedOut(
                                op.requestId,
                                op.write,
                                op + " heard " + op.answers() + " of the "
                                        + (op.phase() == PendingOp.Phase.QUERY ? options.r() : options.w())
                                        + " replicas it needs"
                                        + " in " + op.age() + " ticks"));
            } else if (retry) {
                sendToSilent(op);
            }
        }
    }

    /** Takes what the driver must do now: make {@code persist} durable, then send and report the rest. */
    public QuorumReady ready() {
        List<Persist> persist = new ArrayList<>(unpersisted.size());
        unpersisted.forEach((key, v) -> persist.add(new Persist(key, v)));
        QuorumReady ready = new QuorumReady(persist, outbox, completions);
        unpersisted.clear();
        outbox.clear();
        completions.clear();
        return ready;
    }

    // ---- coordinating -------------------------------------------------------------------------------------

    private PendingOp admit(PendingOp op) {
        Objects.requireNonNull(op.key, "key");
        if (!requests.add(op.requestId)) {
            throw new IllegalArgumentException("request " + op.requestId + " is already in flight");
        }
        return op;
    }

    /** Moves {@code op} into a new phase (which takes a fresh op id) and sends that phase to every replica. */
    private void enter(PendingOp op, Runnable phaseChange) {
        byOp.remove(op.op());
        phaseChange.run();
        byOp.put(op.op(), op);
        sendToSilent(op);
    }

    private void startStore(PendingOp op, Versioned proposed) {
        enter(op, () -> op.store(nextOp++, proposed));
    }

    private void onQueryReply(QueryReply m) {
        PendingOp op = byOp.get(m.op());
        if (op == null || op.phase() != PendingOp.Phase.QUERY || !op.key.equals(m.key())) {
            return; // a late reply to a phase that is over
        }
        if (op.answer(m.from(), m.current()) < options.r()) {
            return;
        }
        Versioned newest = op.newestSeen();
        if (op.write) {
            long above = Math.max(
                    newest.version().counter(), current(op.key).version().counter());
            Versioned proposed = new Versioned(new Version(above + 1, self), op.value);
            keepIfNewer(op.key, proposed); // durable here before any other replica can hold this version
            startStore(op, proposed);
        } else if (options.writeBack()) {
            startStore(op, newest);
        } else {
            finish(op, new ReadDone(op.requestId, newest));
        }
    }

    private void onStoreAck(StoreAck m) {
        PendingOp op = byOp.get(m.op());
        if (op == null || op.phase() != PendingOp.Phase.STORE || !op.key.equals(m.key())) {
            return;
        }
        Versioned proposed = op.proposed().orElseThrow();
        if (op.answer(m.from(), proposed) < options.w()) {
            return;
        }
        finish(op, op.write ? new WriteDone(op.requestId, proposed.version()) : new ReadDone(op.requestId, proposed));
    }

    private void sendToSilent(PendingOp op) {
        for (NodeId replica : replicas) {
            if (op.answered(replica)) {
                continue;
            }
            outbox.add(
                    switch (op.phase()) {
                        case QUERY -> new Query(self, replica, op.op(), op.key);
                        case STORE ->
                            new Store(
                                    self,
                                    replica,
                                    op.op(),
                                    op.key,
                                    op.proposed().orElseThrow());
                    });
        }
    }

    private void finish(PendingOp op, Completion completion) {
        byOp.remove(op.op());
        requests.remove(op.requestId);
        completions.add(completion);
    }

    // ---- replica ------------------------------------------------------------------------------------------

    private Versioned current(String key) {
        return state.getOrDefault(key, Versioned.NONE);
    }

    private void keepIfNewer(String key, Versioned proposed) {
        if (proposed.version().isAfter(current(key).version())) {
            state.put(key, proposed);
            unpersisted.put(key, proposed);
        }
    }

    // ---- observation --------------------------------------------------------------------------------------

    public NodeId id() {
        return self;
    }

    /** What this node holds as a replica, by key (a copy). */
    public Map<String, Versioned> replicaState() {
        return Collections.unmodifiableMap(new TreeMap<>(state));
    }

    /** How many keys this node holds a value of as a replica (no copy: the driver asks every round). */
    public int keyCount() {
        return state.size();
    }

    /** How many operations this node is coordinating. */
    public int pending() {
        return byOp.size();
    }
}
