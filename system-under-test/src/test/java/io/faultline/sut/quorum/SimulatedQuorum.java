package io.faultline.sut.quorum;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.QuorumReady.Persist;
import io.faultline.sut.sim.NetworkFaults;
import io.faultline.sut.sim.SimulatedNetwork;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Quorum nodes on a {@link SimulatedNetwork}, all driven by one seeded {@link Random}: the same seed gives the same
 * schedule, event for event. Messages are delayed (now and then for very long), lost and reordered, links are cut and
 * heal, nodes crash and come back with only what they had synced, and (for the wall-clock bug) each node's wall
 * clock is off by its own amount. Clients read and write random keys on random nodes; an {@link AtomicityChecker}
 * records what they saw.
 */
final class SimulatedQuorum implements SimulatedNetwork.Engine<QuorumNode, QuorumMessage> {

    /**
     * How hostile the simulated world is: {@code crashRate} and {@code partitionRate} are chances per tick (a node
     * that is down comes back at the crash rate), {@code maxDelay} is in time units, and {@code clockSkew} bounds
     * each node's wall-clock offset, in time units.
     */
    record Faults(double loss, int maxDelay, double crashRate, double partitionRate, int clockSkew) {
        static Faults random(Random r, int clockSkew) {
            return new Faults(
                    r.nextDouble() * 0.2, 1 + r.nextInt(40), r.nextDouble() * 0.02, r.nextDouble() * 0.1, clockSkew);
        }

        /**
         * The network's share: chaos once a tick, one message in 100 held up for up to 100 ticks (a stalled
         * connection, a proxy's queue), and messages in flight reach a node's next incarnation too.
         */
        NetworkFaults network() {
            return NetworkFaults.of(loss, maxDelay, crashRate, partitionRate)
                    .chaosEvery(TICK)
                    .withStalls(100, 100 * TICK)
                    .reachingRestartedNodes();
        }
    }

    static final int TICK = SimulatedNetwork.TICK;
    private static final int MAX_PENDING_PER_NODE = 4;
    private static final long WALL_EPOCH = 1_000_000;

    private final SimulatedNetwork<QuorumNode, QuorumMessage> network;
    private final Random random;
    private final QuorumOptions options;
    private final List<String> keys;

    private final List<NodeId> ids = new ArrayList<>();
    private final Map<NodeId, Map<String, Versioned>> disks = new LinkedHashMap<>();
    private final Map<NodeId, Long> clockOffset = new LinkedHashMap<>();
    private final Map<NodeId, Long> lastWall = new LinkedHashMap<>();
    private final Map<NodeId, Set<Long>> inFlight = new LinkedHashMap<>();

    final AtomicityChecker checker = new AtomicityChecker();
    private long nextRequest = 1;
    private long nextValue = 1;

    /** {@code size} nodes n1, n2, ... whose clients use {@code keys}. */
    SimulatedQuorum(long seed, int size, QuorumOptions options, Faults faults, List<String> keys) {
        this.keys = List.copyOf(keys);
        this.options = options;
        for (int i = 1; i <= size; i++) {
            ids.add(NodeId.of("n" + i));
        }
        this.network =
                new SimulatedNetwork<>(seed, ids, faults.network(), QuorumMessage::from, QuorumMessage::to, this);
        this.random = network.random();
        for (NodeId id : ids) {
            disks.put(id, new LinkedHashMap<>());
            long skew = faults.clockSkew();
            clockOffset.put(id, skew == 0 ? 0 : (long) random.nextInt((int) (2 * skew + 1)) - skew);
            lastWall.put(id, 0L);
            network.start(id);
        }
    }

    @Override
    public QuorumNode boot(NodeId id, int life) {
        inFlight.put(id, new LinkedHashSet<>());
        return new QuorumNode(id, ids, options, disks.get(id), life);
    }

    @Override
    public void tick(NodeId id) {
        network.act(id, QuorumNode::tick);
    }

    @Override
    public void deliver(QuorumMessage m) {
        network.act(m.to(), node -> node.step(m));
    }

    /** Takes a node's ready, and a moment later (the sync) makes its persist durable, then sends and reports. */
    @Override
    public void flush(NodeId id, int life) {
        QuorumReady ready = network.nodes().get(id).ready();
        long syncTime = ready.persist().isEmpty() ? 0 : random.nextInt(4) == 0 ? random.nextInt(3 * TICK) : 1;
        network.schedule(syncTime, () -> synced(id, life, ready));
    }

    private void synced(NodeId id, int life, QuorumReady ready) {
        if (!network.isAlive(id, life)) {
            return; // crashed before the sync: the writes, messages and answers of this ready are gone
        }
        for (Persist p : ready.persist()) {
            disks.get(id).put(p.key(), p.versioned());
        }
        for (QuorumMessage m : ready.messages()) {
            network.send(m);
        }
        for (Completion c : ready.completions()) {
            network.note(id + " done " + c);
            inFlight.get(id).remove(c.requestId());
            checker.completed(c, network.now());
        }
        network.flushed(id, life, false);
    }

    /** The node loses everything but its synced replica state; its clients never hear of their operations. */
    @Override
    public void crashed(NodeId id) {
        for (long request : inFlight.get(id)) {
            checker.lost(request);
        }
        inFlight.get(id).clear();
    }

    @Override
    public String details(QuorumMessage m) {
        return "op" + m.op() + ' ' + m.key();
    }

    /** Runs the world for {@code duration} time units with faults and client load. */
    void run(long duration) {
        network.run(duration, this::client);
    }

    /** Heals every fault and runs quietly until every operation has completed or timed out. */
    void settle() {
        network.heal();
        long deadline = network.now() + (long) (options.timeoutTicks() + 10) * TICK;
        while (network.now() < deadline && (inFlight.values().stream().anyMatch(s -> !s.isEmpty()))) {
            network.drain(network.now() + TICK);
        }
    }

    /** One client operation: a read or write of a random key on a random node, if it has room for one. */
    private void client() {
        NodeId id = ids.get(random.nextInt(ids.size()));
        String key = keys.get(random.nextInt(keys.size()));
        boolean write = random.nextBoolean();
        if (network.isUp(id) && inFlight.get(id).size() < MAX_PENDING_PER_NODE) {
            long request = nextRequest++;
            inFlight.get(id).add(request);
            long now = network.now();
            if (write) {
                JsonValue value = JsonValue.of(nextValue++);
                checker.invoked(request, id, key, value, now);
                long wall = wallClock(id);
                network.act(id, node -> node.write(request, key, value, wall));
            } else {
                checker.invoked(request, id, key, null, now);
                network.act(id, node -> node.read(request, key));
            }
        }
    }

    /** The node's wall clock: true time plus its offset, never going backwards. */
    private long wallClock(NodeId id) {
        long wall = Math.max(lastWall.get(id) + 1, WALL_EPOCH + network.now() + clockOffset.get(id));
        lastWall.put(id, wall);
        return wall;
    }

    /** A record of every message sent, answer given, crash and restart, to show a seed reproduces its schedule. */
    String trace() {
        return network.trace();
    }
}
