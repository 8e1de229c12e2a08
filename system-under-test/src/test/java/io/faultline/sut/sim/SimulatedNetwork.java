package io.faultline.sut.sim;

import io.faultline.sut.node.NodeId;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Nodes of one engine on a simulated network and clock, all driven by one seeded {@link Random}, so that the same
 * seed gives the same schedule, event for event. It owns what every engine's simulation shares: the event queue, the
 * nodes' lives (each boot is a new incarnation, and actions scheduled for an old one are dropped), the chaos that
 * cuts random directed links and crashes and restarts nodes, message delivery with loss, delay and reordering, the
 * batching of a node's inputs into flushes, and the trace. What a node is, what a crash loses, how a node's output
 * is flushed and how a message is delivered are the {@link Engine}'s.
 *
 * @param <N> the engine's node
 * @param <M> the engine's message
 */
public final class SimulatedNetwork<N, M> {

    /** The time units between a node's ticks, and the scale of its flush and sync delays. */
    public static final int TICK = 10;

    /** The engine-specific parts of a simulation, called back by the network. */
    public interface Engine<N, M> {

        /** A fresh node {@code id} for its incarnation {@code life}, on what its disk kept. */
        N boot(NodeId id, int life);

        /** Drops what the crash of {@code id} loses beyond the node itself (unsynced writes, pending answers). */
        void crashed(NodeId id);

        /** Gives node {@code id} a tick, normally through {@link SimulatedNetwork#act}. */
        void tick(NodeId id);

        /** Gives a message that arrived to its node, normally through {@link SimulatedNetwork#act}. */
        void deliver(M message);

        /**
         * Takes node {@code id}'s output and, once it is handled, calls {@link SimulatedNetwork#flushed}; only called
         * while incarnation {@code life} is up.
         */
        void flush(NodeId id, int life);

        /** What the trace says of a message after its kind and link: enough of its content to tell schedules apart. */
        String details(M message);
    }

    private final Random random;
    private final NetworkFaults faults;
    private final Engine<N, M> engine;
    private final Function<M, NodeId> from;
    private final Function<M, NodeId> to;
    private final EventQueue events = new EventQueue();
    private final List<NodeId> ids;
    private final Map<NodeId, N> nodes = new LinkedHashMap<>();
    private final Map<NodeId, Integer> incarnation = new LinkedHashMap<>();
    private final Set<List<NodeId>> cutLinks = new HashSet<>();
    private final Set<NodeId> flushPending = new HashSet<>();
    private final Set<NodeId> dirty = new HashSet<>();
    private final StringBuilder trace = new StringBuilder();

    /**
     * Nodes {@code ids}, none started yet: the engine {@link #start}s each once it has set up its disk. A message
     * goes from node {@code from} to node {@code to}.
     */
    public SimulatedNetwork(
            long seed,
            List<NodeId> ids,
            NetworkFaults faults,
            Function<M, NodeId> from,
            Function<M, NodeId> to,
            Engine<N, M> engine) {
        this.random = new Random(new SplittableRandom(seed).nextLong());
        this.faults = faults;
        this.engine = engine;
        this.from = from;
        this.to = to;
        this.ids = List.copyOf(ids);
        for (NodeId id : ids) {
            incarnation.put(id, 0);
        }
    }

    /** The seeded random every choice of the simulation must draw from, to keep it deterministic. */
    public Random random() {
        return random;
    }

    public long now() {
        return events.now();
    }

    public void schedule(long delay, Runnable action) {
        events.schedule(delay, action);
    }

    /** Runs every event up to {@code until}. */
    public void drain(long until) {
        events.drain(until);
    }

    public List<NodeId> ids() {
        return ids;
    }

    /** The nodes that are up, in the order of {@link #ids()}' first boots. */
    public Map<NodeId, N> nodes() {
        return Collections.unmodifiableMap(nodes);
    }

    public boolean isUp(NodeId id) {
        return nodes.containsKey(id);
    }

    /** Whether incarnation {@code life} of {@code id} is the one up. */
    public boolean isAlive(NodeId id, int life) {
        return nodes.containsKey(id) && incarnation.get(id) == life;
    }

    /** Boots a node for the first time. */
    public void start(NodeId id) {
        boot(id);
    }

    private void boot(NodeId id) {
        int life = incarnation.get(id);
        nodes.put(id, engine.boot(id, life));
        schedule(random.nextInt(TICK), () -> tickLoop(id, life));
    }

    private void tickLoop(NodeId id, int life) {
        if (isAlive(id, life)) {
            engine.tick(id);
            schedule(TICK, () -> tickLoop(id, life));
        }
    }

    /** Runs one input on a node that is up, and arranges for its output to be flushed a little later. */
    public void act(NodeId id, Consumer<N> input) {
        input.accept(nodes.get(id));
        dirty.add(id);
        if (flushPending.add(id)) {
            int life = incarnation.get(id);
            schedule(random.nextInt(3) == 0 ? 0 : random.nextInt(TICK), () -> flush(id, life));
        }
    }

    private void flush(NodeId id, int life) {
        if (isAlive(id, life)) {
            dirty.remove(id);
            engine.flush(id, life);
        }
    }

    /**
     * Ends a flush of node {@code id}: another follows at once if inputs came meanwhile or the engine has
     * {@code more} to do.
     */
    public void flushed(NodeId id, int life, boolean more) {
        flushPending.remove(id);
        if (dirty.contains(id) || more) {
            flushPending.add(id);
            schedule(0, () -> flush(id, life));
        }
    }

    /** Traces a message and puts it on the wire, where it may be lost, delayed, or cut off by a partition. */
    public void send(M message) {
        List<NodeId> link = List.of(from.apply(message), to.apply(message));
        note(message.getClass().getSimpleName() + ' ' + link.get(0) + "->" + link.get(1) + ' '
                + engine.details(message));
        if (random.nextDouble() < faults.loss() || cutLinks.contains(link)) {
            return;
        }
        NodeId receiver = link.get(1);
        int life = incarnation.get(receiver);
        long delay = faults.stallOneIn() > 0 && random.nextInt(faults.stallOneIn()) == 0
                ? random.nextInt(faults.maxStall())
                : 1 + random.nextInt(faults.maxDelay());
        schedule(delay, () -> {
            boolean reachable = faults.reachesRestarted() ? isUp(receiver) : isAlive(receiver, life);
            if (reachable && !cutLinks.contains(link)) {
                engine.deliver(message);
            }
        });
    }

    /** Runs the world for {@code duration} time units with chaos, and with {@code load} run every 1 to 10 units. */
    public void run(long duration, Runnable load) {
        long end = now() + duration;
        schedule(0, () -> chaos(end));
        schedule(0, () -> load(end, load));
        drain(end);
    }

    private void load(long end, Runnable load) {
        if (now() < end) {
            load.run();
            schedule(1 + random.nextInt(TICK), () -> load(end, load));
        }
    }

    private void chaos(long end) {
        if (now() >= end) {
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
                if (isUp(id)) {
                    crash(id);
                } else {
                    restart(id);
                }
            }
        }
        schedule(faults.chaosPeriod(), () -> chaos(end));
    }

    /** Mends every link and restarts every node that is down. */
    public void heal() {
        cutLinks.clear();
        for (NodeId id : ids) {
            if (!isUp(id)) {
                restart(id);
            }
        }
    }

    private void crash(NodeId id) {
        note(id + " crashes");
        nodes.remove(id);
        flushPending.remove(id);
        dirty.remove(id);
        incarnation.merge(id, 1, Integer::sum);
        engine.crashed(id);
    }

    private void restart(NodeId id) {
        note(id + " restarts");
        incarnation.merge(id, 1, Integer::sum);
        boot(id);
    }

    /** Adds a line to the trace, stamped with the time. */
    public void note(String line) {
        trace.append(now()).append(' ').append(line).append('\n');
    }

    /** Every message sent, crash, restart and noted line, to show that a seed reproduces its schedule. */
    public String trace() {
        return trace.toString();
    }
}
