package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Random packet loss with iptables' statistic match inside each node: a node drops each packet from its peers with
 * the given probability (clients' packets pass). The rules live in their own chain, {@value #CHAIN}, so ending the
 * loss leaves partitions alone. Verified by pinging the node from a peer: some echo requests must go unanswered
 * ({@link #pingsToSee} of them are sent, so that a real loss is not missed by chance).
 *
 * <p>Ops: {@code start-loss} {@code {node: probability, ...}}, {@code stop-loss} (every node).
 */
public final class PacketLossNemesis implements Nemesis {

    static final String CHAIN = "faultline-loss";
    private static final int PINGS = 40;

    @Override
    public Outcome invoke(String f, @Nullable Object value, NodeControl nodes) {
        if (!nodes.isolatedNetworks()) {
            throw new IllegalArgumentException("packet loss needs iptables inside each node's own network (the"
                    + " containers runtime): local processes share the host's network");
        }
        return switch (f) {
            case "start-loss" -> start(probabilities(value), nodes);
            case "stop-loss" -> {
                heal(nodes);
                Map<String, Double> seen = measure(nodes.nodes(), nodes, node -> PINGS);
                boolean clean = seen.values().stream().allMatch(l -> l != null && l == 0.0);
                yield new Outcome("healed", clean, "packet loss per node after healing, in %: " + seen);
            }
            default ->
                throw new IllegalArgumentException(
                        "the packet-loss nemesis has start-loss and stop-loss, not '" + f + "'");
        };
    }

    @Override
    public void heal(NodeControl nodes) {
        if (nodes.isolatedNetworks()) {
            PartitionNemesis.parallel(nodes.nodes(), node -> nodes.exec(node, "iptables", "-w", "-F", CHAIN));
        }
    }

    private Outcome start(Map<String, Double> probabilities, NodeControl nodes) {
        PartitionNemesis.parallel(List.copyOf(probabilities.keySet()), node -> {
            StringBuilder script = new StringBuilder("iptables -w -N ")
                    .append(CHAIN)
                    .append(" 2>/dev/null; iptables -w -C INPUT -j ")
                    .append(CHAIN)
                    .append(" 2>/dev/null || iptables -w -I INPUT 1 -j ")
                    .append(CHAIN)
                    .append("; set -e; iptables -w -F ")
                    .append(CHAIN);
            for (String peer : nodes.nodes()) {
                if (!peer.equals(node)) {
                    script.append("; iptables -w -A ")
                            .append(CHAIN)
                            .append(" -s ")
                            .append(nodes.address(peer))
                            .append(" -m statistic --mode random --probability ")
                            .append(String.format(Locale.ROOT, "%.4f", probabilities.get(node)))
                            .append(" -j DROP");
                }
            }
            NodeControl.CommandResult result = nodes.exec(node, "sh", "-c", script.toString());
            if (!result.ok()) {
                throw new IllegalStateException("iptables on " + node + " failed: " + result.output());
            }
            return node;
        });
        Map<String, Double> seen =
                measure(List.copyOf(probabilities.keySet()), nodes, node -> pingsToSee(probabilities.get(node)));
        List<String> lossless = new ArrayList<>();
        seen.forEach((node, loss) -> {
            if (loss == null || loss == 0.0) {
                lossless.add(node);
            }
        });
        return new Outcome(
                probabilities,
                lossless.isEmpty(),
                lossless.isEmpty()
                        ? "verified: pings from a peer lost, in %: " + seen
                        : "no packet was lost on " + lossless + "; measured " + seen);
    }

    /**
     * How many pings make sure a loss of probability {@code p} shows: at least {@value #PINGS}, and enough that all
     * of them get through less than once in 10,000 tries ({@code (1 - p)^n <= 1e-4}), at most 500 (5 s of pings).
     * A 5 % loss needs 180: with 40, one verification in eight would see no loss and call the fault ineffective.
     */
    static int pingsToSee(double p) {
        int needed = (int) Math.ceil(Math.log(1e-4) / Math.log(1 - p));
        return Math.min(500, Math.max(PINGS, needed));
    }

    /** The share of pings from a peer that each node left unanswered, in percent (null: unknown). */
    private static Map<String, Double> measure(
            List<String> targets, NodeControl nodes, java.util.function.ToIntFunction<String> pings) {
        List<Double> losses = PartitionNemesis.parallel(targets, node -> {
            try {
                return PingStats.fromNextPeer(node, nodes, pings.applyAsInt(node))
                        .lossPercent();
            } catch (IllegalStateException e) {
                return null; // ping could not run: unknown
            }
        });
        Map<String, Double> out = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            out.put(targets.get(i), losses.get(i));
        }
        return out;
    }

    private static Map<String, Double> probabilities(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException("start-loss needs {node: probability between 0 and 1}, not " + value);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (!(v instanceof Number n) || n.doubleValue() <= 0 || n.doubleValue() > 1) {
                throw new IllegalArgumentException(
                        "the loss probability of " + k + " must be a number in (0, 1], not " + v);
            }
            out.put(String.valueOf(k), n.doubleValue());
        });
        return out;
    }
}
