package io.faultline.sut.server;

import io.faultline.sut.disk.ReplicaJournal;
import io.faultline.sut.json.JsonValue;
import io.faultline.sut.kv.Command;
import io.faultline.sut.kv.Outcome;
import io.faultline.sut.kv.Query;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.Completion;
import io.faultline.sut.quorum.QuorumMessage;
import io.faultline.sut.quorum.QuorumNode;
import io.faultline.sut.quorum.QuorumReady;
import io.faultline.sut.raft.StorageFailedException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The quorum engine's driver: one thread takes peer messages, client reads and writes, and ticks from a queue,
 * hands them to the {@link QuorumNode} core, and once per round makes the core's replica updates durable in the
 * {@link ReplicaJournal} (one fsync for the round) before it sends any message, since an acknowledgement promises
 * durability. Messages a node addresses to itself go straight back into its queue. It serves register reads and
 * writes; any other operation is refused as {@link StoreException.Unsupported}, naming the engine.
 */
public final class QuorumServer implements Engine {

    private final QuorumNode node;
    private final NodeId self;
    private final List<NodeId> members;
    private final ReplicaJournal journal;
    private final Set<Bug> bugs;
    private final long tickNanos;
    private final LongSupplier wallMillis;
    private final JsonLog log;
    private final Metrics metrics;
    private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
    private final Map<Long, CompletableFuture<JsonValue>> reads = new HashMap<>();
    private final Map<Long, CompletableFuture<Outcome>> writes = new HashMap<>();
    private Consumer<QuorumMessage> network = m -> {};
    private long nextRequest;
    private volatile EngineStatus status;
    private volatile boolean running = true;
    private Runnable onFailure = () -> {};
    private Thread thread;

    private record Incoming(QuorumMessage message) {}

    private record Write(String key, JsonValue value, CompletableFuture<Outcome> answer) {}

    private record Read(String key, CompletableFuture<JsonValue> answer) {}

    private record Stop() {}

    /**
     * @param wallMillis the wall clock, read only by the {@code lww-wall-clock} bug's writes (which the core stamps
     *     with it); ticks are measured on the monotonic clock
     */
    public QuorumServer(
            QuorumNode node,
            NodeId self,
            List<NodeId> members,
            ReplicaJournal journal,
            Set<Bug> bugs,
            long tickMillis,
            LongSupplier wallMillis,
            JsonLog log,
            Metrics metrics) {
        this.node = node;
        this.self = self;
        this.members = List.copyOf(members);
        this.journal = journal;
        this.bugs = Set.copyOf(bugs);
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
        this.wallMillis = wallMillis;
        this.log = log;
        this.metrics = metrics;
        publishStatus();
        log.follow(this::engineStatus);
    }

    /** Where outgoing peer messages go; set before {@link #start()}. */
    public void connect(Consumer<QuorumMessage> network) {
        this.network = network;
    }

    /** Run on the engine's thread if the loop dies (a disk failure); pending requests have failed. */
    public void onFailure(Runnable action) {
        this.onFailure = action;
    }

    public void start() {
        thread = Thread.ofPlatform().name("quorum-" + self).start(this::loop);
    }

    /** Hands a message from a peer to the loop. */
    public void deliver(QuorumMessage message) {
        inbox.add(new Incoming(message));
    }

    @Override
    public String name() {
        return "quorum";
    }

    @Override
    public CompletableFuture<Outcome> propose(Command command) {
        if (!(command instanceof Command.Write w)) {
            return CompletableFuture.failedFuture(unsupported(
                    switch (command) {
                        case Command.Cas c -> "compare-and-set";
                        case Command.Txn t -> "transactions";
                        case Command.GuardedWrite g -> "guarded multi-register writes";
                        case Command.SetAdd a -> "set adds";
                        case Command.CounterAdd a -> "counter adds";
                        default -> command.getClass().getSimpleName();
                    }));
        }
        CompletableFuture<Outcome> answer = new CompletableFuture<>();
        inbox.add(new Write(w.key(), w.value(), answer));
        return answer;
    }

    @Override
    public CompletableFuture<JsonValue> read(Query query) {
        if (!(query instanceof Query.ReadRegister r)) {
            return CompletableFuture.failedFuture(unsupported(
                    switch (query) {
                        case Query.ReadRegisters m -> "multi-register reads";
                        case Query.ReadSet m -> "set reads";
                        case Query.ReadCounter m -> "counter reads";
                        case Query.ReadList m -> "list reads";
                        default -> query.getClass().getSimpleName();
                    }));
        }
        CompletableFuture<JsonValue> answer = new CompletableFuture<>();
        inbox.add(new Read(r.key(), answer));
        return answer;
    }

    private static StoreException unsupported(String operation) {
        return new StoreException.Unsupported("the quorum engine serves register reads and writes only, not "
                + operation + ": a leaderless store has no single order in which to apply it");
    }

    @Override
    public EngineStatus engineStatus() {
        return status;
    }

    @Override
    public Set<Bug> bugs() {
        return bugs;
    }

    @Override
    public String readMode() {
        return bugs.contains(Bug.NO_WRITE_BACK) ? "quorum-read" : "quorum-read-write-back";
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void loop() {
        long nextTick = System.nanoTime() + tickNanos;
        List<Object> batch = new ArrayList<>();
        try {
            while (running) {
                long wait = Math.max(0, Math.min(nextTick - System.nanoTime(), tickNanos));
                Object first = inbox.poll(wait, TimeUnit.NANOSECONDS);
                if (first != null) {
                    batch.add(first);
                    inbox.drainTo(batch, 4096);
                }
                for (Object input : batch) {
                    handle(input);
                }
                batch.clear();
                long now = System.nanoTime();
                if (now >= nextTick) {
                    node.tick();
                    nextTick = Math.max(nextTick + tickNanos, now);
                }
                round();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StorageFailedException e) {
            log.error("storage failed: stopping", Map.of("error", String.valueOf(e.getMessage())));
            running = false;
            onFailure.run();
        } catch (RuntimeException e) {
            log.error("quorum loop failed: stopping", Map.of("error", e.toString()));
            running = false;
            onFailure.run();
        } finally {
            failEverything();
        }
    }

    private void handle(Object input) {
        switch (input) {
            case Incoming in -> {
                metrics.messageReceived();
                node.step(in.message());
            }
            case Write w -> {
                long id = ++nextRequest;
                writes.put(id, w.answer());
                node.write(id, w.key(), w.value(), wallMillis.getAsLong());
            }
            case Read r -> {
                long id = ++nextRequest;
                reads.put(id, r.answer());
                node.read(id, r.key());
            }
            case Stop s -> running = false;
            default -> throw new IllegalStateException("unknown input " + input);
        }
    }

    /** Persist, then send, then answer: nothing leaves before the updates it may promise are durable. */
    private void round() {
        QuorumReady ready = node.ready();
        if (ready.isEmpty()) {
            return;
        }
        if (!ready.persist().isEmpty()) {
            ready.persist().forEach(journal::append);
            journal.sync();
            metrics.synced();
            ready.persist().forEach(p -> metrics.applied());
        }
        int sent = 0;
        for (QuorumMessage m : ready.messages()) {
            if (m.to().equals(self)) {
                inbox.add(new Incoming(m));
            } else {
                network.accept(m);
                sent++;
            }
        }
        metrics.messagesSent(sent);
        for (Completion c : ready.completions()) {
            complete(c);
        }
        publishStatus();
    }

    private void complete(Completion c) {
        switch (c) {
            case Completion.ReadDone r -> {
                CompletableFuture<JsonValue> answer = reads.remove(r.requestId());
                if (answer != null) {
                    metrics.readServed();
                    answer.complete(r.seen().value());
                }
            }
            case Completion.WriteDone w -> {
                CompletableFuture<Outcome> answer = writes.remove(w.requestId());
                if (answer != null) {
                    answer.complete(new Outcome.Done(JsonValue.NULL));
                }
            }
            case Completion.TimedOut t -> {
                // A write that reached some replicas may yet be read; a read that timed out returned nothing.
                StoreException why = new StoreException.Timeout(t.why(), !t.write());
                CompletableFuture<?> answer = t.write() ? writes.remove(t.requestId()) : reads.remove(t.requestId());
                if (answer != null) {
                    answer.completeExceptionally(why);
                }
            }
        }
    }

    private void publishStatus() {
        status = new EngineStatus(
                self,
                "quorum",
                "replica",
                List.of("replica"),
                Optional.empty(),
                members,
                List.of(
                        new EngineStatus.Gauge(
                                "pending",
                                "pending_operations",
                                "Client operations this node coordinates now.",
                                node.pending()),
                        new EngineStatus.Gauge(
                                "keys", "keys", "Keys this replica holds a value of.", node.keyCount())));
    }

    private void failEverything() {
        StoreException stopping = new StoreException.Unavailable("the node is stopping", false);
        writes.values().forEach(a -> a.completeExceptionally(stopping));
        reads.values()
                .forEach(a -> a.completeExceptionally(new StoreException.Unavailable("the node is stopping", true)));
        writes.clear();
        reads.clear();
        Object input;
        while ((input = inbox.poll()) != null) {
            switch (input) {
                case Write w ->
                    w.answer().completeExceptionally(new StoreException.Unavailable("the node is stopping", true));
                case Read r ->
                    r.answer().completeExceptionally(new StoreException.Unavailable("the node is stopping", true));
                default -> {}
            }
        }
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
        journal.close();
    }
}
