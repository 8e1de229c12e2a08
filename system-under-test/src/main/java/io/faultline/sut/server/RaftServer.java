package io.faultline.sut.server;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.kv.Command;
import io.faultline.sut.kv.CommandCodec;
import io.faultline.sut.kv.KvStateMachine;
import io.faultline.sut.kv.Outcome;
import io.faultline.sut.kv.Query;
import io.faultline.sut.raft.ConfigChangeRejectedException;
import io.faultline.sut.raft.Configuration;
import io.faultline.sut.raft.LogEntry;
import io.faultline.sut.raft.LogIndex;
import io.faultline.sut.raft.Message;
import io.faultline.sut.raft.NotLeaderException;
import io.faultline.sut.raft.RaftNode;
import io.faultline.sut.raft.Ready;
import io.faultline.sut.raft.Role;
import io.faultline.sut.raft.Snapshot;
import io.faultline.sut.raft.Storage;
import io.faultline.sut.raft.StorageFailedException;
import io.faultline.sut.server.Input.ChangeMembers;
import io.faultline.sut.server.Input.Incoming;
import io.faultline.sut.server.Input.Propose;
import io.faultline.sut.server.Input.Read;
import io.faultline.sut.server.Input.Stop;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Drives a {@link RaftNode} with real time and I/O on one thread: takes client requests, peer messages and clock
 * ticks from one queue, then, once per round, syncs storage, sends messages, applies committed entries to the
 * {@link KvStateMachine} and answers the clients whose requests completed.
 */
public final class RaftServer implements Engine {

    private final RaftNode node;
    private final Storage storage;
    private final KvStateMachine state = new KvStateMachine();
    private final Set<Bug> bugs;
    private final ReadMode readMode;
    private final long tickNanos;
    private final int electionTicksMin;
    private final int electionTicksMax;
    private final JsonLog log;
    private final Metrics metrics;
    private Consumer<Message> network = m -> {};
    private Consumer<Configuration> membershipListener = c -> {};
    private Configuration lastConfiguration;

    private final BlockingQueue<Input> inbox = new LinkedBlockingQueue<>();
    private final PendingRequests pending;
    private final long snapshotEvery;
    private long snapshotIndex;
    private final List<Runnable> afterSync = new ArrayList<>();
    private final LeaseClock lease;
    private final LongSupplier clockNanos;
    private long nextReadId;
    private volatile Status status;
    private volatile boolean running = true;
    private boolean failed;
    private Runnable onFailure = () -> {};
    private Thread thread;

    public RaftServer(
            RaftNode node,
            Storage storage,
            Set<Bug> bugs,
            ReadMode readMode,
            long tickMillis,
            int electionTicksMin,
            int electionTicksMax,
            long snapshotEvery,
            JsonLog log,
            Metrics metrics) {
        this.snapshotEvery = snapshotEvery;
        this.pending = new PendingRequests(node.id(), metrics);
        this.node = node;
        this.storage = storage;
        this.bugs = Set.copyOf(bugs);
        this.readMode = readMode;
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
        this.electionTicksMin = electionTicksMin;
        this.electionTicksMax = electionTicksMax;
        this.log = log;
        this.metrics = metrics;
        // The lease bug runs every timer of this node on the wall clock, which jumps when the clock is set.
        this.clockNanos = bugs.contains(Bug.LEASE_NO_CLOCK_BOUND)
                ? () -> System.currentTimeMillis() * 1_000_000L
                : System::nanoTime;
        this.lease = bugs.contains(Bug.LEASE_NO_CLOCK_BOUND)
                ? new LeaseClock(clockNanos, TimeUnit.MILLISECONDS.toNanos(tickMillis * electionTicksMax))
                : new LeaseClock(clockNanos, TimeUnit.MILLISECONDS.toNanos(tickMillis * electionTicksMin * 8 / 10));
        publishStatus();
        log.follow(this::engineStatus);
    }

    /** Where outgoing peer messages go; set before {@link #start()}. */
    public void connect(Consumer<Message> network) {
        this.network = network;
    }

    /** Run on the Raft thread if the loop dies (a disk failure, a broken invariant); pending requests have failed. */
    public void onFailure(Runnable action) {
        this.onFailure = action;
    }

    /** Told the membership in force at start and whenever it changes (from the Raft thread). */
    public void onMembershipChange(Consumer<Configuration> listener) {
        this.membershipListener = listener;
    }

    /**
     * Changes the membership by one member (the leader only); completes when the change is committed, and fails
     * with a {@link StoreException}.
     */
    public CompletableFuture<Outcome> changeMembers(UnaryOperator<Configuration> change) {
        CompletableFuture<Indexed<Outcome>> answer = new CompletableFuture<>();
        inbox.add(new ChangeMembers(change, answer));
        return answer.thenApply(Indexed::value);
    }

    public void start() {
        thread = Thread.ofPlatform().name("raft-" + node.id()).start(this::loop);
    }

    /** Hands a message from a peer to the loop. */
    public void deliver(Message message) {
        inbox.add(new Incoming(message));
    }

    /** Replicates a command; the future fails with a {@link StoreException}. */
    @Override
    public CompletableFuture<Outcome> propose(Command command) {
        return proposeIndexed(command).thenApply(Indexed::value);
    }

    /** Replicates a command; the answer carries the index of its committed entry. */
    @Override
    public CompletableFuture<Indexed<Outcome>> proposeIndexed(Command command) {
        CompletableFuture<Indexed<Outcome>> answer = new CompletableFuture<>();
        inbox.add(new Propose(command, answer));
        return answer;
    }

    /** Reads linearizably (unless a bug or the read mode says otherwise); fails with a {@link StoreException}. */
    @Override
    public CompletableFuture<JsonValue> read(Query query) {
        return readIndexed(query, 0).thenApply(Indexed::value);
    }

    /**
     * Reads as the read mode says; the answer carries the applied index it was served at. Only {@link
     * ReadMode#SEQUENTIAL} looks at {@code minIndex}: the other modes read at the leader's commit index, which is
     * already at or past any index a client was given.
     */
    @Override
    public CompletableFuture<Indexed<JsonValue>> readIndexed(Query query, long minIndex) {
        CompletableFuture<Indexed<JsonValue>> answer = new CompletableFuture<>();
        inbox.add(new Read(query, minIndex, answer));
        return answer;
    }

    public Status status() {
        return status;
    }

    @Override
    public String name() {
        return "raft";
    }

    private static final List<String> ROLES =
            java.util.Arrays.stream(Role.values()).map(Role::label).toList();

    /** The Raft status as every engine gives it: term and indexes as gauges. */
    @Override
    public EngineStatus engineStatus() {
        Status s = status;
        return new EngineStatus(
                s.node(),
                "raft",
                s.role().label(),
                ROLES,
                s.leader(),
                s.members(),
                List.of(
                        new EngineStatus.Gauge(
                                "term", "term", "Current term.", s.term().value()),
                        new EngineStatus.Gauge(
                                "commitIndex", "commit_index", "Highest committed log index known.", s.commitIndex()),
                        new EngineStatus.Gauge(
                                "appliedIndex", "applied_index", "Highest applied log index.", s.appliedIndex()),
                        new EngineStatus.Gauge(
                                "lastIndex", "last_index", "Last index in the local log.", s.lastIndex())));
    }

    @Override
    public Set<Bug> bugs() {
        return bugs;
    }

    public ReadMode mode() {
        return readMode;
    }

    @Override
    public String readMode() {
        return readMode.flag();
    }

    private void loop() {
        long nextTick = clockNanos.getAsLong() + tickNanos;
        List<Input> batch = new ArrayList<>();
        Role lastRole = node.role();
        try {
            while (running) {
                long wait = Math.max(0, Math.min(nextTick - clockNanos.getAsLong(), tickNanos));
                Input first = inbox.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, 4096);
                }
                for (Input input : batch) {
                    handle(input);
                }
                batch.clear();
                int due = 0;
                long now = clockNanos.getAsLong();
                while (now >= nextTick && due < electionTicksMax) {
                    node.tick();
                    nextTick += tickNanos;
                    due++;
                }
                if (now >= nextTick) {
                    nextTick = now + tickNanos; // the clock jumped or we were paused: do not replay every tick
                }
                round();
                if (node.role() != lastRole) {
                    onRoleChange(lastRole);
                    lastRole = node.role();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StorageFailedException e) {
            log.error("storage failed: stopping", Map.of("error", String.valueOf(e.getMessage())));
            running = false;
            failed = true;
        } catch (RuntimeException e) {
            log.error("raft loop failed: stopping", Map.of("error", e.toString()));
            running = false;
            failed = true;
        } finally {
            failEverything();
        }
        if (failed) {
            onFailure.run();
        }
    }

    private void onRoleChange(Role before) {
        if (node.role() == Role.LEADER) {
            metrics.leaderElected();
        }
        log.info(
                "role changed",
                Map.of(
                        "from",
                        before.label(),
                        "leader",
                        node.leader().map(Object::toString).orElse("")));
    }

    private void handle(Input input) {
        switch (input) {
            case Incoming in -> {
                metrics.messageReceived();
                node.step(in.message());
            }
            case Propose p -> propose(p);
            case Read r -> read(r);
            case ChangeMembers c -> changeMembers(c);
            case Stop s -> running = false;
        }
    }

    private void changeMembers(ChangeMembers c) {
        LogEntry entry;
        try {
            entry = node.proposeConfiguration(c.change().apply(node.configuration()));
        } catch (NotLeaderException e) {
            c.answer().completeExceptionally(new StoreException.NotLeader(e.getMessage(), e.leader()));
            return;
        } catch (ConfigChangeRejectedException | IllegalArgumentException e) {
            c.answer().completeExceptionally(new StoreException.MembershipChangeRejected(e.getMessage()));
            return;
        }
        pending.write(entry, c.answer());
    }

    private void propose(Propose p) {
        if (bugs.contains(Bug.SPLIT_BRAIN) && node.role() == Role.LEADER && !node.hasQuorumContact()) {
            acknowledgeEarly(p);
            return;
        }
        LogEntry entry;
        try {
            entry = node.propose(CommandCodec.encode(p.command()));
        } catch (NotLeaderException e) {
            p.answer().completeExceptionally(new StoreException.NotLeader(e.getMessage(), e.leader()));
            return;
        }
        pending.write(entry, p.answer());
        if (bugs.contains(Bug.ACK_BEFORE_COMMIT)) {
            Indexed<Outcome> preview =
                    Indexed.at(state.preview(p.command()), entry.index().value());
            afterSync.add(() -> p.answer().complete(preview));
        }
    }

    /** The split-brain bug: a leader without a majority answers as if its own log were the truth. */
    private void acknowledgeEarly(Propose p) {
        LogEntry entry;
        try {
            entry = node.propose(CommandCodec.encode(p.command()));
        } catch (NotLeaderException e) {
            p.answer().completeExceptionally(new StoreException.NotLeader(e.getMessage(), e.leader()));
            return;
        }
        Indexed<Outcome> outcome =
                Indexed.at(state.preview(p.command()), entry.index().value());
        afterSync.add(() -> p.answer().complete(outcome));
    }

    private void read(Read r) {
        if (bugs.contains(Bug.STALE_READS)
                || (bugs.contains(Bug.SPLIT_BRAIN) && node.role() == Role.LEADER && !node.hasQuorumContact())) {
            r.answer()
                    .complete(Indexed.at(
                            state.query(r.query()), node.appliedIndex().value()));
            metrics.readServedLocally();
            return;
        }
        if (readMode == ReadMode.LEASE || bugs.contains(Bug.LEASE_NO_CLOCK_BOUND)) {
            if (node.role() == Role.LEADER
                    && lease.holds(node.quorumAckedRound())
                    && !node.appliedIndex().isBefore(node.termStartIndex())) {
                r.answer()
                        .complete(Indexed.at(
                                state.query(r.query()), node.appliedIndex().value()));
                metrics.readServedLocally();
                return;
            }
        }
        if (readMode == ReadMode.SEQUENTIAL) {
            pending.readLocally(r.minIndex(), r.query(), r.answer()); // served this round once applied
            return;
        }
        long id = nextReadId++;
        try {
            node.requestRead(id);
        } catch (NotLeaderException e) {
            r.answer().completeExceptionally(new StoreException.NotLeader(e.getMessage(), e.leader()));
            return;
        }
        pending.read(id, r.query(), r.answer());
    }

    private void round() {
        // A leader that commits only its own log (no followers) needs a second pass to answer after its sync.
        for (int pass = 0; pass < 2; pass++) {
            process(node.ready());
            if (!node.commitIndex().isAfter(node.appliedIndex())) {
                break;
            }
        }
        publishStatus();
    }

    private void process(Ready ready) {
        for (Message m : ready.eager()) {
            network.accept(m); // a leader's entries go to followers while it syncs them itself
        }
        if (node.role() == Role.LEADER) {
            lease.roundSent(node.currentRound());
        }
        LogIndex written = node.lastIndex();
        // Committed entries are durable on a majority already (a leader counts its own log only up to what it
        // has synced), so they are applied and their clients answered before this round's sync, which holds only
        // later entries and the votes and acknowledgements below: those clients do not wait for an fsync that
        // is not theirs.
        ready.snapshot().ifPresent(this::restore);
        for (LogEntry entry : ready.committed()) {
            apply(entry);
        }
        if (node.appliedIndex().value() - snapshotIndex >= snapshotEvery) {
            snapshotIndex = node.appliedIndex().value();
            node.compact(node.appliedIndex(), state.snapshot());
            metrics.snapshotTaken();
        }
        for (Ready.ReadOutcome outcome : ready.reads()) {
            pending.readOutcome(outcome);
        }
        pending.serveReads(node.appliedIndex(), state);
        storage.sync();
        node.persisted(written);
        metrics.synced();
        for (Runnable ack : afterSync) {
            ack.run();
        }
        afterSync.clear();
        for (Message m : ready.messages()) {
            network.accept(m);
        }
        metrics.messagesSent(ready.eager().size() + ready.messages().size());
    }

    private void restore(Snapshot snapshot) {
        state.restore(snapshot.data());
        snapshotIndex = snapshot.index().value();
        pending.coveredBySnapshot(snapshot.index());
    }

    private void apply(LogEntry entry) {
        Outcome outcome =
                entry.isCommand() ? state.apply(CommandCodec.decode(entry.data())) : new Outcome.Done(JsonValue.NULL);
        metrics.applied();
        pending.applied(entry, outcome);
    }

    private void publishStatus() {
        Configuration configuration = node.configuration();
        if (!configuration.equals(lastConfiguration)) {
            lastConfiguration = configuration;
            membershipListener.accept(configuration);
        }
        status = new Status(
                node.id(),
                node.role(),
                node.term(),
                node.leader(),
                node.commitIndex().value(),
                node.appliedIndex().value(),
                node.lastIndex().value(),
                List.copyOf(configuration.ids()));
    }

    private void failEverything() {
        pending.failAll();
        Input input;
        while ((input = inbox.poll()) != null) {
            input.refuse(new StoreException.Unavailable("the node is stopping", true));
        }
    }

    public boolean isRunning() {
        return running;
    }

    @Override
    public void close() {
        inbox.add(new Stop());
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
