package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Ready.ReadConfirmed;
import io.faultline.sut.raft.Ready.ReadOutcome;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Raft nodes on a simulated network and clock, all driven by one seeded {@link Random}: the same seed gives the
 * same schedule, event for event. Messages are delayed, lost and reordered, links are cut, and nodes crash and lose
 * every write they had not synced (and every message they had not sent).
 */
final class SimulatedCluster {

    /** How hostile the simulated world is. */
    record Faults(double loss, int maxDelay, double crashRate, double partitionRate) {
        static Faults random(Random r) {
            return new Faults(r.nextDouble() * 0.2, 1 + r.nextInt(40), r.nextDouble() * 0.004, r.nextDouble() * 0.01);
        }

        static final Faults NONE = new Faults(0, 1, 0, 0);
    }

    private static final int TICK = 10;
    static boolean DEBUG = false;

    private record Event(long time, long order, Runnable action) {}

    private final Random random;
    private final Faults faults;
    private final Supplier<MemoryStorage> newStorage;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private long order;
    private long now;

    private final List<NodeId> ids = new ArrayList<>();
    private final Map<NodeId, RaftNode> nodes = new LinkedHashMap<>();
    private final Map<NodeId, MemoryStorage> disks = new LinkedHashMap<>();
    private final Set<NodeId> flushPending = new HashSet<>();
    private final Set<NodeId> dirty = new HashSet<>();
    private final Map<NodeId, Long> digests = new HashMap<>();
    private final Set<List<NodeId>> cutLinks = new HashSet<>();
    private final Map<NodeId, Integer> incarnation = new LinkedHashMap<>();

    final SafetyChecker checker;
    private final StringBuilder trace = new StringBuilder();
    private long nextCommand;
    private long nextRead;
    private final Map<Long, LogIndex> readFloor = new LinkedHashMap<>();

    private final Set<NodeId> bootstrap = new TreeSet<>();
    private boolean membershipChanges;
    private long configChanges;

    SimulatedCluster(long seed, int size, Faults faults, Supplier<MemoryStorage> newStorage) {
        this(seed, size, size, faults, newStorage);
    }

    /**
     * {@code size} nodes, of which the first {@code voters} form the cluster and the others start as joiners; when
     * they differ, leaders also add and remove members at random.
     */
    SimulatedCluster(long seed, int size, int voters, Faults faults, Supplier<MemoryStorage> newStorage) {
        this.random = new Random(new SplittableRandom(seed).nextLong());
        this.faults = faults;
        this.newStorage = newStorage;
        this.checker = new SafetyChecker(seed);
        for (int i = 1; i <= size; i++) {
            ids.add(NodeId.of("n" + i));
            if (i <= voters) {
                bootstrap.add(NodeId.of("n" + i));
            }
        }
        this.membershipChanges = voters < size;
        for (NodeId id : ids) {
            disks.put(id, newStorage.get());
            incarnation.put(id, 0);
            boot(id);
        }
    }

    private void boot(NodeId id) {
        Map<NodeId, String> members = new LinkedHashMap<>();
        for (NodeId member : bootstrap) {
            members.put(member, "");
        }
        Configuration initial = bootstrap.contains(id) ? Configuration.of(members) : Configuration.EMPTY;
        RaftNode node = new RaftNode(id, initial, disks.get(id), RaftOptions.DEFAULT, new Random(random.nextLong()));
        nodes.put(id, node);
        int life = incarnation.get(id);
        schedule(random.nextInt(TICK), () -> tickLoop(id, life));
    }

    private void tickLoop(NodeId id, int life) {
        if (!isAlive(id, life)) {
            return;
        }
        act(id, RaftNode::tick);
        schedule(TICK, () -> tickLoop(id, life));
    }

    private boolean isAlive(NodeId id, int life) {
        return nodes.containsKey(id) && incarnation.get(id) == life;
    }

    private void schedule(long delay, Runnable action) {
        queue.add(new Event(now + delay, order++, action));
    }

    /** Runs one input on a node, then checks it and arranges for its output to be flushed a little later. */
    private void act(NodeId id, java.util.function.Consumer<RaftNode> input) {
        RaftNode node = nodes.get(id);
        try {
            input.accept(node);
        } catch (IllegalStateException e) {
            checker.violation("node " + id + " broke a rule at t=" + now + ": " + e.getMessage());
        }
        checker.observe(node, disks.get(id));
        dirty.add(id);
        if (flushPending.add(id)) {
            int life = incarnation.get(id);
            schedule(random.nextInt(3) == 0 ? 0 : random.nextInt(TICK), () -> flush(id, life));
        }
    }

    /** Sends a node's eager messages (a leader's entries), then syncs a little later and does the rest. */
    private void flush(NodeId id, int life) {
        if (!isAlive(id, life)) {
            return;
        }
        dirty.remove(id);
        RaftNode node = nodes.get(id);
        Ready ready = node.ready();
        for (Message m : ready.eager()) {
            send(m);
        }
        LogIndex written = node.lastIndex();
        // Syncs usually take a moment, sometimes long (a slow disk): long enough for followers to answer first.
        long syncTime = random.nextInt(4) == 0 ? random.nextInt(3 * TICK) : random.nextInt(3);
        schedule(syncTime, () -> synced(id, life, ready, written));
    }

    private void synced(NodeId id, int life, Ready ready, LogIndex written) {
        if (!isAlive(id, life)) {
            return;
        }
        RaftNode node = nodes.get(id);
        disks.get(id).sync();
        node.persisted(written);
        for (Message m : ready.messages()) {
            send(m);
        }
        ready.snapshot().ifPresent(snapshot -> {
            digests.put(id, Long.parseLong(snapshot.data()));
            checker.digest(id, snapshot.index(), digests.get(id));
        });
        for (LogEntry entry : ready.committed()) {
            checker.applied(id, entry);
            long digest = digests.getOrDefault(id, 0L) * 31 + fingerprint(entry);
            digests.put(id, digest);
            checker.digest(id, entry.index(), digest);
        }
        if (random.nextInt(30) == 0 && node.appliedIndex().value() > 0) {
            node.compact(node.appliedIndex(), Long.toString(digests.getOrDefault(id, 0L)));
        }
        for (ReadOutcome outcome : ready.reads()) {
            if (outcome instanceof ReadConfirmed c) {
                checker.readServedAt(id, c.index(), readFloor.remove(c.id()));
            } else {
                readFloor.remove(outcome.id());
            }
        }
        checker.observe(node, disks.get(id));
        flushPending.remove(id);
        if (dirty.contains(id) || node.commitIndex().isAfter(node.appliedIndex())) {
            flushPending.add(id);
            schedule(0, () -> flush(id, life));
        }
    }

    private static long fingerprint(LogEntry e) {
        return ((e.index().value() * 31 + e.term().value()) * 31 + e.kind().ordinal()) * 31
                + e.data().hashCode();
    }

    private void send(Message m) {
        trace.append(now)
                .append(' ')
                .append(m.getClass().getSimpleName())
                .append(' ')
                .append(m.from())
                .append("->")
                .append(m.to())
                .append(" t")
                .append(m.term())
                .append('\n');
        if (random.nextDouble() < faults.loss() || cutLinks.contains(List.of(m.from(), m.to()))) {
            return;
        }
        NodeId to = m.to();
        int life = incarnation.get(to);
        schedule(1 + random.nextInt(faults.maxDelay()), () -> {
            if (isAlive(to, life) && !cutLinks.contains(List.of(m.from(), m.to()))) {
                act(to, node -> node.step(m));
            }
        });
    }

    /** Runs the world for {@code duration} time units with faults and client load. */
    void run(long duration) {
        long end = now + duration;
        schedule(0, () -> chaos(end));
        schedule(0, () -> clients(end));
        drain(end);
    }

    /** Heals every fault, then runs quietly: the cluster must elect a leader and commit again. */
    boolean healAndCommit(long within) {
        cutLinks.clear();
        for (NodeId id : ids) {
            if (!nodes.containsKey(id)) {
                restart(id);
            }
        }
        long deadline = now + within;
        LogIndex before = checker.highestCommitted();
        while (now < deadline) {
            drain(now + TICK);
            for (RaftNode node : nodes.values()) {
                if (node.role() == Role.LEADER) {
                    try {
                        node.propose("final");
                    } catch (NotLeaderException e) {
                        throw new AssertionError(e);
                    }
                }
            }
            if (checker.highestCommitted().isAfter(before)) {
                return true;
            }
        }
        return false;
    }

    private void drain(long until) {
        while (!queue.isEmpty() && queue.peek().time <= until) {
            Event e = queue.poll();
            now = e.time;
            e.action.run();
        }
        now = until;
    }

    private void chaos(long end) {
        if (now >= end) {
            return;
        }
        if (random.nextDouble() < faults.partitionRate()) {
            cutLinks.clear();
            if (random.nextBoolean()) {
                for (NodeId a : ids) {
                    for (NodeId b : ids) {
                        if (!a.equals(b) && random.nextInt(3) == 0) {
                            cutLinks.add(List.of(a, b));
                        }
                    }
                }
            }
        }
        for (NodeId id : ids) {
            if (random.nextDouble() < faults.crashRate()) {
                if (nodes.containsKey(id)) {
                    crash(id);
                } else {
                    restart(id);
                }
            }
        }
        schedule(1, () -> chaos(end));
    }

    private void crash(NodeId id) {
        nodes.remove(id);
        digests.remove(id);
        flushPending.remove(id);
        dirty.remove(id);
        incarnation.merge(id, 1, Integer::sum);
        disks.put(id, disks.get(id).afterCrash());
        checker.crashed(id);
    }

    private void restart(NodeId id) {
        incarnation.merge(id, 1, Integer::sum);
        boot(id);
    }

    private void clients(long end) {
        if (now >= end) {
            return;
        }
        for (Map.Entry<NodeId, RaftNode> e : nodes.entrySet()) {
            if (e.getValue().role() != Role.LEADER) {
                continue;
            }
            long command = nextCommand++;
            act(e.getKey(), node -> {
                try {
                    if (membershipChanges && random.nextInt(40) == 0) {
                        changeMembership(node);
                    } else if (command % 3 == 0) {
                        long id = nextRead++;
                        readFloor.put(id, checker.highestCommitted());
                        node.requestRead(id);
                    } else {
                        node.propose("c" + command);
                    }
                } catch (NotLeaderException ex) {
                    throw new AssertionError(ex);
                }
            });
        }
        schedule(1 + random.nextInt(TICK), () -> clients(end));
    }

    /** Adds a node that is not a member, or removes one that is, keeping two to all members. */
    private void changeMembership(RaftNode leader) {
        Configuration current = leader.configuration();
        NodeId pick = ids.get(random.nextInt(ids.size()));
        Configuration next;
        if (current.contains(pick)) {
            if (current.ids().size() <= 2) {
                return;
            }
            next = current.without(pick);
        } else {
            next = current.with(pick, "");
        }
        try {
            leader.proposeConfiguration(next);
            configChanges++;
        } catch (ConfigChangeRejectedException e) {
            // one change at a time: try again later
        } catch (NotLeaderException e) {
            throw new AssertionError(e);
        }
    }

    long configChanges() {
        return configChanges;
    }

    Map<NodeId, RaftNode> liveNodes() {
        return nodes;
    }

    /** A fingerprint of every message sent, to show that a seed reproduces its schedule. */
    String trace() {
        return trace.toString();
    }
}
