package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Clock faults through libfaketime: every node's program runs with libfaketime preloaded, reading its offset from
 * {@link #TIMESTAMP_FILE} on every clock call, so writing that file moves the node's wall clock at once (its
 * monotonic clock is left alone). The harness starts nodes that way when a clock fault is planned.
 *
 * <p>Ops, each verified by reading the node's clock back ({@code date} under the same preload) and comparing it with
 * the harness's:
 *
 * <ul>
 *   <li>{@code bump} {@code {node: millis, ...}}: moves each node's clock by that much (negative: back), on top of
 *       any earlier bump; a node named {@code "primaries"} means whichever nodes are primary when the op runs;
 *   <li>{@code strobe} {@code {node: {"delta": ms, "period": ms, "duration": ms}}}: flips the node's clock between
 *       its offset and offset + delta every period, for duration, from a loop inside the node;
 *   <li>{@code reset} (a list of nodes, or null for every node): back to the true time;
 *   <li>{@code check-clocks}: records every node's offset from the harness's clock, in milliseconds.
 * </ul>
 */
public final class ClockNemesis implements Nemesis {

    /** Where a node's libfaketime reads its offset. */
    public static final String TIMESTAMP_FILE = "/var/lib/faultline/faketime";
    /** The preloaded library (the multi-threaded variant, for the JVM). */
    public static final String LIBRARY = "/usr/lib/x86_64-linux-gnu/faketime/libfaketimeMT.so.1";
    /** The environment a node's program runs with. */
    public static final Map<String, String> ENVIRONMENT =
            Map.of("LD_PRELOAD", LIBRARY, "FAKETIME_TIMESTAMP_FILE", TIMESTAMP_FILE, "FAKETIME_NO_CACHE", "1");

    private static final String STROBE_MARK = "faultline-strobe";

    private final Map<String, Long> offsets = new TreeMap<>();
    private final ClockReader reader;

    public ClockNemesis() {
        this(new ClockReader());
    }

    ClockNemesis(ClockReader reader) {
        this.reader = reader;
    }

    @Override
    public synchronized Outcome invoke(String f, @Nullable Object value, NodeControl nodes) {
        requireNodeCommands(nodes);
        return switch (f) {
            case "bump" -> bump(millisByNode(f, value, nodes), nodes);
            case "strobe" -> strobe(value, nodes);
            case "reset" -> reset(value == null ? nodes.nodes() : nodeList(value), nodes);
            case "check-clocks" -> {
                Map<String, Long> seen = reader.offsets(nodes.nodes(), nodes);
                yield new Outcome(seen, true, "clock offsets in ms: " + seen);
            }
            default ->
                throw new IllegalArgumentException(
                        "the clock nemesis has bump, strobe, reset and check-clocks, not '" + f + "'");
        };
    }

    @Override
    public synchronized void heal(NodeControl nodes) {
        if (nodes.isolatedNetworks()) {
            reset(nodes.nodes(), nodes);
        }
    }

    private Outcome bump(Map<String, Long> deltas, NodeControl nodes) {
        if (deltas.isEmpty()) {
            return new Outcome(Map.of(), false, "bump found no node to act on");
        }
        Map<String, Long> wanted = new LinkedHashMap<>();
        deltas.forEach((node, delta) -> wanted.put(node, offsets.getOrDefault(node, 0L) + delta));
        PartitionNemesis.parallel(List.copyOf(wanted.keySet()), node -> write(nodes, node, wanted.get(node)));
        offsets.putAll(wanted);
        return verified("bump", deltas, wanted, nodes);
    }

    private Outcome reset(List<String> targets, NodeControl nodes) {
        Map<String, Long> wanted = new LinkedHashMap<>();
        targets.forEach(n -> wanted.put(n, 0L));
        PartitionNemesis.parallel(targets, node -> {
            nodes.exec(node, "pkill", "-f", STROBE_MARK);
            return write(nodes, node, 0);
        });
        targets.forEach(offsets::remove);
        return verified("reset", targets, wanted, nodes);
    }

    private Outcome strobe(@Nullable Object value, NodeControl nodes) {
        if (!(value instanceof Map<?, ?> byNode) || byNode.isEmpty()) {
            throw new IllegalArgumentException(
                    "strobe needs {node: {delta, period, duration}} in milliseconds, not " + value);
        }
        Map<String, Long> peaks = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : byNode.entrySet()) {
            String node = String.valueOf(e.getKey());
            if (!(e.getValue() instanceof Map<?, ?> s)) {
                throw new IllegalArgumentException("the strobe of " + node + " must be {delta, period, duration}");
            }
            long delta = millis(s.get("delta"), "strobe delta");
            long period = Math.max(10, millis(s.get("period"), "strobe period"));
            long duration = millis(s.get("duration"), "strobe duration");
            long base = offsets.getOrDefault(node, 0L);
            long flips = Math.max(1, duration / period);
            String script = "i=0; while [ $i -lt " + flips + " ]; do echo " + seconds(base + delta) + " > "
                    + TIMESTAMP_FILE + "; sleep " + seconds(period).substring(1) + "; echo " + seconds(base) + " > "
                    + TIMESTAMP_FILE + "; sleep " + seconds(period).substring(1) + "; i=$((i+2)); done # "
                    + STROBE_MARK;
            NodeControl.CommandResult started =
                    nodes.exec(node, "sh", "-c", "env -u LD_PRELOAD nohup sh -c '" + script + "' >/dev/null 2>&1 &");
            if (!started.ok()) {
                throw new IllegalStateException("could not start the strobe on " + node + ": " + started.output());
            }
            peaks.put(node, base + delta);
        }
        Map<String, Long> highest = new LinkedHashMap<>();
        for (int sample = 0; sample < 6 && highest.size() < peaks.size(); sample++) {
            Map<String, Long> seen = reader.offsets(List.copyOf(peaks.keySet()), nodes);
            seen.forEach((node, offset) -> {
                if (reader.near(offset, peaks.get(node))) {
                    highest.put(node, offset);
                }
            });
        }
        boolean verified = highest.size() == peaks.size();
        return new Outcome(
                value,
                verified,
                verified
                        ? "verified: each strobed clock was seen at its peak " + highest
                        : "some strobed clocks were never seen at their peak; seen " + highest + " of " + peaks);
    }

    private Outcome verified(String what, Object applied, Map<String, Long> wanted, NodeControl nodes) {
        Map<String, Long> seen = reader.offsets(List.copyOf(wanted.keySet()), nodes);
        List<String> off = new ArrayList<>();
        wanted.forEach((node, offset) -> {
            if (!reader.near(seen.get(node), offset)) {
                off.add(node + " wanted " + offset + " ms, seen " + seen.get(node) + " ms");
            }
        });
        return new Outcome(
                applied,
                off.isEmpty(),
                off.isEmpty()
                        ? "verified: clock offsets in ms " + seen
                        : what + " did not take effect: " + String.join("; ", off));
    }

    private static String write(NodeControl nodes, String node, long offsetMillis) {
        NodeControl.CommandResult result = nodes.exec(
                node,
                "sh",
                "-c",
                "echo " + seconds(offsetMillis) + " > " + TIMESTAMP_FILE + ".new && mv " + TIMESTAMP_FILE + ".new "
                        + TIMESTAMP_FILE);
        if (!result.ok()) {
            throw new IllegalStateException("could not set the clock of " + node + ": " + result.output());
        }
        return node;
    }

    /** An offset as libfaketime reads it: signed seconds with a fraction ({@code -5.250}). */
    static String seconds(long millis) {
        return String.format(
                Locale.ROOT, "%s%d.%03d", millis < 0 ? "-" : "+", Math.abs(millis) / 1000, Math.abs(millis) % 1000);
    }

    private static Map<String, Long> millisByNode(String f, @Nullable Object value, NodeControl nodes) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException(f + " needs {node: milliseconds}, not " + value);
        }
        Map<String, Long> out = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            long ms = millis(v, f + " of " + k);
            if (ProcessNemesis.PRIMARIES.equals(k)) {
                nodes.awaitPrimaries(ProcessNemesis.PRIMARY_PATIENCE).forEach(p -> out.put(p, ms));
            } else {
                out.put(String.valueOf(k), ms);
            }
        });
        return out;
    }

    private static long millis(@Nullable Object v, String what) {
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException(what + " must be a number of milliseconds, not " + v);
        }
        return n.longValue();
    }

    private static List<String> nodeList(Object value) {
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException("reset needs a list of nodes or null for all, not " + value);
        }
        return list.stream().map(String::valueOf).toList();
    }

    private static void requireNodeCommands(NodeControl nodes) {
        if (!nodes.isolatedNetworks()) {
            throw new IllegalArgumentException("clock faults need nodes with their own clock file and libfaketime"
                    + " (the containers runtime): local processes share the host's clock");
        }
    }
}
