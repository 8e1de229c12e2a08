package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Ready.ReadConfirmed;
import io.faultline.sut.raft.Ready.ReadOutcome;
import io.faultline.sut.sim.NetworkFaults;
import io.faultline.sut.sim.SimulatedNetwork;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Raft nodes on a {@link SimulatedNetwork}, all driven by one seeded {@link Random}: the same seed gives the
 * same schedule, event for event. Messages are delayed, lost and reordered, links are cut, and nodes crash and lose
 * every write they had not synced (and every message they had not sent).
 */
final class SimulatedCluster implements SimulatedNetwork.Engine<RaftNode, Message> {

    /** How hostile the simulated world is. */
    record Faults(double loss, int maxDelay, double crashRate, double partitionRate) {
        static Faults random(Random r) {
            return new Faults(r.nextDouble() * 0.2, 1 + r.nextInt(40), r.nextDouble() * 0.004, r.nextDouble() * 0.01);
        }

        static final Faults NONE = new Faults(0, 1, 0, 0);

        /** The network's share: chaos every time unit, no stalls, and messages die with the node they were sent to. */
        NetworkFaults network() {
            return NetworkFaults.of(loss, maxDelay, crashRate, partitionRate);
        }
    }

    private static final int TICK = SimulatedNetwork.TICK;
    static boolean DEBUG = false;

    private final SimulatedNetwork<RaftNode, Message> network;
    private final Random random;
    private final Supplier<MemoryStorage> newStorage;

    private final List<NodeId> ids = new ArrayList<>();
    private final Map<NodeId, MemoryStorage> disks = new LinkedHashMap<>();
    private final Map<NodeId, Long> digests = new HashMap<>();

    final SafetyChecker checker;
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
        this.newStorage = newStorage;
        this.checker = new SafetyChecker(seed);
        for (int i = 1; i <= size; i++) {
            ids.add(NodeId.of("n" + i));
            if (i <= voters) {
                bootstrap.add(NodeId.of("n" + i));
            }
        }
        this.membershipChanges = voters < size;
        this.network = new SimulatedNetwork<>(seed, ids, faults.network(), Message::from, Message::to, this);
        this.random = network.random();
        for (NodeId id : ids) {
            disks.put(id, newStorage.get());
            network.start(id);
        }
    }

    @Override
    public RaftNode boot(NodeId id, int life) {
        Map<NodeId, String> members = new LinkedHashMap<>();
        for (NodeId member : bootstrap) {
            members.put(member, "");
        }
        Configuration initial = bootstrap.contains(id) ? Configuration.of(members) : Configuration.EMPTY;
        return new RaftNode(id, initial, disks.get(id), RaftOptions.DEFAULT, new Random(random.nextLong()));
    }

    @Override
    public void tick(NodeId id) {
        act(id, RaftNode::tick);
    }

    @Override
    public void deliver(Message m) {
        act(m.to(), node -> node.step(m));
    }

    /** Runs one input on a node, then checks it; the network arranges for its output to be flushed a little later. */
    private void act(NodeId id, Consumer<RaftNode> input) {
        network.act(id, node -> {
            try {
                input.accept(node);
            } catch (IllegalStateException e) {
                checker.violation("node " + id + " broke a rule at t=" + network.now() + ": " + e.getMessage());
            }
            checker.observe(node, disks.get(id));
        });
    }

    /** Sends a node's eager messages (a leader's entries), then syncs a little later and does the rest. */
    @Override
    public void flush(NodeId id, int life) {
        RaftNode node = network.nodes().get(id);
        Ready ready = node.ready();
        for (Message m : ready.eager()) {
            network.send(m);
        }
        LogIndex written = node.lastIndex();
        // Syncs usually take a moment, sometimes long (a slow disk): long enough for followers to answer first.
        long syncTime = random.nextInt(4) == 0 ? random.nextInt(3 * TICK) : random.nextInt(3);
        network.schedule(syncTime, () -> synced(id, life, ready, written));
    }

    private void synced(NodeId id, int life, Ready ready, LogIndex written) {
        if (!network.isAlive(id, life)) {
            return;
        }
        RaftNode node = network.nodes().get(id);
        disks.get(id).sync();
        node.persisted(written);
        for (Message m : ready.messages()) {
            network.send(m);
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
        network.flushed(id, life, node.commitIndex().isAfter(node.appliedIndex()));
    }

    private static long fingerprint(LogEntry e) {
        return ((e.index().value() * 31 + e.term().value()) * 31 + e.kind().ordinal()) * 31
                + e.data().hashCode();
    }

    @Override
    public String details(Message m) {
        return "t" + m.term();
    }

    /** Runs the world for {@code duration} time units with faults and client load. */
    void run(long duration) {
        network.run(duration, this::clients);
    }

    /** Heals every fault, then runs quietly: the cluster must elect a leader and commit again. */
    boolean healAndCommit(long within) {
        network.heal();
        long deadline = network.now() + within;
        LogIndex before = checker.highestCommitted();
        while (network.now() < deadline) {
            network.drain(network.now() + TICK);
            for (RaftNode node : network.nodes().values()) {
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

    /** The node loses its applied state and every write it had not synced. */
    @Override
    public void crashed(NodeId id) {
        digests.remove(id);
        disks.put(id, disks.get(id).afterCrash());
        checker.crashed(id);
    }

    /** A round of client load: every leader gets a command, a read or (sometimes) a membership change. */
    private void clients() {
        for (Map.Entry<NodeId, RaftNode> e : network.nodes().entrySet()) {
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
        return network.nodes();
    }

    /** A fingerprint of every message sent, crash and restart, to show that a seed reproduces its schedule. */
    String trace() {
        return network.trace();
    }
}
