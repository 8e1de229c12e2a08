package io.faultline.sut.quorum;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.QuorumReady.Persist;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Quorum nodes on a simulated network and clock, all driven by one seeded {@link Random}: the same seed gives the
 * same schedule, event for event. Messages are delayed, lost and reordered, links are cut and heal, nodes crash and
 * come back with only what they had synced, and (for the wall-clock bug) each node's wall clock is off by its own
 * amount. Clients read and write random keys on random nodes; an {@link AtomicityChecker} records what they saw.
 */
final class SimulatedQuorum {

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
    }

    static final int TICK = 10;
    private static final int MAX_PENDING_PER_NODE = 4;
    private static final long WALL_EPOCH = 1_000_000;

    private record Event(long time, long order, Runnable action) {}

    private final Random random;
    private final Faults faults;
    private final QuorumOptions options;
    private final List<String> keys;
    private final PriorityQueue<Event> queue = new PriorityQueue<>(
            (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.order, b.order));
    private long order;
    private long now;

    private final List<NodeId> ids = new ArrayList<>();
    private final Map<NodeId, QuorumNode> nodes = new LinkedHashMap<>();
    private final Map<NodeId, Map<String, Versioned>> disks = new LinkedHashMap<>();
    private final Map<NodeId, Integer> incarnation = new LinkedHashMap<>();
    private final Map<NodeId, Long> clockOffset = new LinkedHashMap<>();
    private final Map<NodeId, Long> lastWall = new LinkedHashMap<>();
    private final Map<NodeId, Set<Long>> inFlight = new LinkedHashMap<>();
    private final Set<NodeId> flushPending = new HashSet<>();
    private final Set<NodeId> dirty = new HashSet<>();
    private final Set<List<NodeId>> cutLinks = new HashSet<>();

    final AtomicityChecker checker = new AtomicityChecker();
    private final StringBuilder trace = new StringBuilder();
    private long nextRequest = 1;
    private long nextValue = 1;

    /** {@code size} nodes n1, n2, ... whose clients use {@code keys}. */
    SimulatedQuorum(long seed, int size, QuorumOptions options, Faults faults, List<String> keys) {
        this.keys = List.copyOf(keys);
        this.random = new Random(new SplittableRandom(seed).nextLong());
        this.faults = faults;
        this.options = options;
        for (int i = 1; i <= size; i++) {
            ids.add(NodeId.of("n" + i));
        }
        for (NodeId id : ids) {
            disks.put(id, new LinkedHashMap<>());
            incarnation.put(id, 0);
            long skew = faults.clockSkew();
            clockOffset.put(id, skew == 0 ? 0 : (long) random.nextInt((int) (2 * skew + 1)) - skew);
            lastWall.put(id, 0L);
            boot(id);
        }
    }

    private void boot(NodeId id) {
        int life = incarnation.get(id);
        nodes.put(id, new QuorumNode(id, ids, options, disks.get(id), life));
        inFlight.put(id, new LinkedHashSet<>());
        schedule(random.nextInt(TICK), () -> tickLoop(id, life));
    }

    private void tickLoop(NodeId id, int life) {
        if (isAlive(id, life)) {
            act(id, QuorumNode::tick);
            schedule(TICK, () -> tickLoop(id, life));
        }
    }

    private boolean isAlive(NodeId id, int life) {
        return nodes.containsKey(id) && incarnation.get(id) == life;
    }

    private void schedule(long delay, Runnable action) {
        queue.add(new Event(now + delay, order++, action));
    }

    /** Runs one input on a node and arranges for its output to be flushed a little later. */
    private void act(NodeId id, Consumer<QuorumNode> input) {
        input.accept(nodes.get(id));
        dirty.add(id);
        if (flushPending.add(id)) {
            int life = incarnation.get(id);
            schedule(random.nextInt(3) == 0 ? 0 : random.nextInt(TICK), () -> flush(id, life));
        }
    }

    /** Takes a node's ready, and a moment later (the sync) makes its persist durable, then sends and reports. */
    private void flush(NodeId id, int life) {
        if (!isAlive(id, life)) {
            return;
        }
        dirty.remove(id);
        QuorumReady ready = nodes.get(id).ready();
        long syncTime = ready.persist().isEmpty() ? 0 : random.nextInt(4) == 0 ? random.nextInt(3 * TICK) : 1;
        schedule(syncTime, () -> synced(id, life, ready));
    }

    private void synced(NodeId id, int life, QuorumReady ready) {
        if (!isAlive(id, life)) {
            return; // crashed before the sync: the writes, messages and answers of this ready are gone
        }
        for (Persist p : ready.persist()) {
            disks.get(id).put(p.key(), p.versioned());
        }
        for (QuorumMessage m : ready.messages()) {
            send(m);
        }
        for (Completion c : ready.completions()) {
            trace.append(now).append(' ').append(id).append(" done ").append(c).append('\n');
            inFlight.get(id).remove(c.requestId());
            checker.completed(c, now);
        }
        flushPending.remove(id);
        if (dirty.contains(id)) {
            flushPending.add(id);
            schedule(0, () -> flush(id, life));
        }
    }

    private void send(QuorumMessage m) {
        trace.append(now)
                .append(' ')
                .append(m.getClass().getSimpleName())
                .append(' ')
                .append(m.from())
                .append("->")
                .append(m.to())
                .append(" op")
                .append(m.op())
                .append(' ')
                .append(m.key())
                .append('\n');
        List<NodeId> link = List.of(m.from(), m.to());
        if (random.nextDouble() < faults.loss() || cutLinks.contains(link)) {
            return;
        }
        NodeId to = m.to();
        // Now and then a message is held up far longer (a stalled connection, a proxy's queue): long enough to reach
        // a node that crashed and restarted meanwhile.
        long delay = random.nextInt(100) == 0 ? random.nextInt(100 * TICK) : 1 + random.nextInt(faults.maxDelay());
        schedule(delay, () -> {
            if (nodes.containsKey(to) && !cutLinks.contains(link)) {
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

    /** Heals every fault and runs quietly until every operation has completed or timed out. */
    void settle() {
        cutLinks.clear();
        for (NodeId id : ids) {
            if (!nodes.containsKey(id)) {
                restart(id);
            }
        }
        long deadline = now + (long) (options.timeoutTicks() + 10) * TICK;
        while (now < deadline && (inFlight.values().stream().anyMatch(s -> !s.isEmpty()))) {
            drain(now + TICK);
        }
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
        schedule(TICK, () -> chaos(end));
    }

    /** The node loses everything but its synced replica state; its clients never hear of their operations. */
    private void crash(NodeId id) {
        trace.append(now).append(' ').append(id).append(" crashes\n");
        nodes.remove(id);
        flushPending.remove(id);
        dirty.remove(id);
        incarnation.merge(id, 1, Integer::sum);
        for (long request : inFlight.get(id)) {
            checker.lost(request);
        }
        inFlight.get(id).clear();
    }

    private void restart(NodeId id) {
        trace.append(now).append(' ').append(id).append(" restarts\n");
        incarnation.merge(id, 1, Integer::sum);
        boot(id);
    }

    private void clients(long end) {
        if (now >= end) {
            return;
        }
        NodeId id = ids.get(random.nextInt(ids.size()));
        String key = keys.get(random.nextInt(keys.size()));
        boolean write = random.nextBoolean();
        if (nodes.containsKey(id) && inFlight.get(id).size() < MAX_PENDING_PER_NODE) {
            long request = nextRequest++;
            inFlight.get(id).add(request);
            if (write) {
                JsonValue value = JsonValue.of(nextValue++);
                checker.invoked(request, id, key, value, now);
                long wall = wallClock(id);
                act(id, node -> node.write(request, key, value, wall));
            } else {
                checker.invoked(request, id, key, null, now);
                act(id, node -> node.read(request, key));
            }
        }
        schedule(1 + random.nextInt(TICK), () -> clients(end));
    }

    /** The node's wall clock: true time plus its offset, never going backwards. */
    private long wallClock(NodeId id) {
        long wall = Math.max(lastWall.get(id) + 1, WALL_EPOCH + now + clockOffset.get(id));
        lastWall.put(id, wall);
        return wall;
    }

    /** A record of every message sent, answer given, crash and restart, to show a seed reproduces its schedule. */
    String trace() {
        return trace.toString();
    }
}
