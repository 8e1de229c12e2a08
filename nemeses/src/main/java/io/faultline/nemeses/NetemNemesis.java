package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Packet faults in the kernel: each chosen node's outgoing packets go through netem ({@code tc qdisc replace dev
 * eth0 root netem ...}), delayed, dropped, duplicated or reordered as its {@link Netem} says. Needs a kernel with
 * {@code sch_netem} ({@link FaultPackage.Need#KERNEL_NETEM}): where it is missing, {@link #PROBE} fails and tests
 * are refused before load starts.
 *
 * <p>Verified by pinging each node from a peer: the replies leave through the faulty queue, so a delay shows in
 * the round trips, loss as unanswered requests, duplication as duplicate replies, reordering as some replies
 * skipping the delay. Healing deletes the queue, verified by {@code tc qdisc show}.
 *
 * <p>Ops: {@code start-netem} {@code {node: {delay-ms, jitter-ms, loss, duplicate, reorder}, ...}}, {@code
 * stop-netem} (every node).
 */
public final class NetemNemesis implements Nemesis {

    /** The network interface of a node on the cluster network. */
    static final String DEVICE = "eth0";

    /** Adds and removes a netem queue: succeeds exactly when the kernel has netem (run inside a node). */
    public static final String PROBE =
            "tc qdisc add dev " + DEVICE + " root netem delay 1ms && tc qdisc del dev " + DEVICE + " root";

    private static final int PINGS = 50;

    @Override
    public Outcome invoke(String f, @Nullable Object value, NodeControl nodes) {
        if (!nodes.isolatedNetworks()) {
            throw new IllegalArgumentException("netem needs tc inside each node's own network (the containers"
                    + " runtime): local processes share the host's network");
        }
        return switch (f) {
            case "start-netem" -> start(plan(value), nodes);
            case "stop-netem" -> {
                heal(nodes);
                List<String> left = stillQueued(nodes);
                yield new Outcome(
                        "healed",
                        left.isEmpty(),
                        left.isEmpty() ? "no netem queue left on any node" : "netem still queued on " + left);
            }
            default ->
                throw new IllegalArgumentException("the netem nemesis has start-netem and stop-netem, not '" + f + "'");
        };
    }

    @Override
    public void heal(NodeControl nodes) {
        if (nodes.isolatedNetworks()) {
            PartitionNemesis.parallel(
                    nodes.nodes(),
                    node -> nodes.exec(node, "sh", "-c", "tc qdisc del dev " + DEVICE + " root 2>/dev/null; true"));
        }
    }

    private Outcome start(Map<String, Netem> plan, NodeControl nodes) {
        PartitionNemesis.parallel(List.copyOf(plan.keySet()), node -> {
            List<String> command = new ArrayList<>(List.of("tc", "qdisc", "replace", "dev", DEVICE, "root", "netem"));
            command.addAll(plan.get(node).tcArguments());
            NodeControl.CommandResult result = nodes.exec(node, command.toArray(String[]::new));
            if (!result.ok()) {
                throw new IllegalStateException(String.join(" ", command) + " on " + node + " failed: "
                        + result.output().strip());
            }
            return node;
        });
        List<String> targets = List.copyOf(plan.keySet());
        List<String> notSeen = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        List<PingStats> stats = PartitionNemesis.parallel(targets, node -> PingStats.fromNextPeer(node, nodes, PINGS));
        for (int i = 0; i < targets.size(); i++) {
            String node = targets.get(i);
            PingStats s = stats.get(i);
            seen.put(node, describe(s));
            if (!effectSeen(plan.get(node), s)) {
                notSeen.add(node);
            }
        }
        Map<String, Object> applied = new LinkedHashMap<>();
        plan.forEach((node, netem) -> applied.put(node, netem.asValue()));
        return new Outcome(
                applied,
                notSeen.isEmpty(),
                notSeen.isEmpty()
                        ? "verified by pings from a peer: " + seen
                        : "netem did not show on " + notSeen + "; pings from a peer: " + seen);
    }

    /**
     * Whether a ping through the faulty queue shows every part of it: round trips of at least 80 % of the delay
     * (some of them, under reordering, none of the others), lost requests, duplicate replies.
     */
    static boolean effectSeen(Netem netem, PingStats stats) {
        boolean ok = true;
        if (netem.delayMillis() > 0) {
            double enough = 0.8 * (netem.delayMillis() - netem.jitterMillis());
            if (stats.maxMillis() == null) {
                return false;
            }
            if (netem.reorderPercent() > 0) {
                ok &= stats.maxMillis() >= enough && stats.minMillis() < 0.5 * netem.delayMillis();
            } else {
                ok &= stats.avgMillis() >= enough;
            }
        }
        if (netem.lossPercent() > 0) {
            ok &= stats.lossPercent() > 0;
        }
        if (netem.duplicatePercent() > 0) {
            ok &= stats.duplicates() > 0;
        }
        return ok;
    }

    private static String describe(PingStats s) {
        return s.received() + "/" + s.transmitted() + " answered, " + s.duplicates() + " duplicates"
                + (s.avgMillis() == null
                        ? ""
                        : ", rtt min/avg/max " + s.minMillis() + "/" + s.avgMillis() + "/" + s.maxMillis() + " ms");
    }

    private static List<String> stillQueued(NodeControl nodes) {
        List<Boolean> queued = PartitionNemesis.parallel(
                nodes.nodes(),
                node -> nodes.exec(node, "tc", "qdisc", "show", "dev", DEVICE)
                        .output()
                        .contains("netem"));
        List<String> left = new ArrayList<>();
        for (int i = 0; i < queued.size(); i++) {
            if (queued.get(i)) {
                left.add(nodes.nodes().get(i));
            }
        }
        return left;
    }

    private static Map<String, Netem> plan(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException("start-netem needs {node: {delay-ms, loss, ...}}, not " + value);
        }
        Map<String, Netem> out = new LinkedHashMap<>();
        map.forEach((node, netem) -> out.put(String.valueOf(node), Netem.fromValue(netem)));
        return out;
    }
}
