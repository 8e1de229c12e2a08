package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Random packet loss with iptables' statistic match inside each node: a node drops each packet from its peers with
 * the given probability (clients' packets pass). The rules live in their own chain, {@value #CHAIN}, so ending the
 * loss leaves partitions alone. Verified by pinging the node from a peer: some echo requests must go unanswered.
 *
 * <p>Ops: {@code start-loss} {@code {node: probability, ...}}, {@code stop-loss} (every node).
 */
public final class PacketLossNemesis implements Nemesis {

    static final String CHAIN = "faultline-loss";
    private static final int PINGS = 40;
    private static final Pattern LOSS = Pattern.compile("(\\d+(?:\\.\\d+)?)% packet loss");

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
                Map<String, Double> seen = measure(nodes.nodes(), nodes);
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
        Map<String, Double> seen = measure(List.copyOf(probabilities.keySet()), nodes);
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

    /** The share of {@value #PINGS} pings from a peer that each node left unanswered, in percent (null: unknown). */
    private static Map<String, Double> measure(List<String> targets, NodeControl nodes) {
        List<String> all = nodes.nodes();
        List<Double> losses = PartitionNemesis.parallel(targets, node -> {
            String peer = all.get((all.indexOf(node) + 1) % all.size());
            NodeControl.CommandResult ping = nodes.exec(
                    peer,
                    "ping",
                    "-q",
                    "-n",
                    "-c",
                    Integer.toString(PINGS),
                    "-i",
                    "0.01",
                    "-W",
                    "1",
                    nodes.address(node));
            Matcher m = LOSS.matcher(ping.output());
            return m.find() ? Double.parseDouble(m.group(1)) : null;
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
