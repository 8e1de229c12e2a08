package io.faultline.nemeses;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The summary iputils' {@code ping -q} prints, read back: how packet faults are verified from a peer.
 *
 * @param transmitted echo requests sent
 * @param received distinct replies
 * @param duplicates replies received more than once
 * @param lossPercent requests left unanswered, in percent
 * @param minMillis quickest round trip, or null when nothing came back
 * @param avgMillis mean round trip, or null when nothing came back
 * @param maxMillis slowest round trip, or null when nothing came back
 */
public record PingStats(
        int transmitted,
        int received,
        int duplicates,
        double lossPercent,
        @Nullable Double minMillis,
        @Nullable Double avgMillis,
        @Nullable Double maxMillis) {

    /** iputils' summary: counts, then {@code , +N duplicates}, {@code corrupted} or {@code errors} when non-zero. */
    private static final Pattern COUNTS = Pattern.compile(
            "(\\d+) packets transmitted, (\\d+) received((?:, \\+\\d+ \\w+)*), (\\d+(?:\\.\\d+)?)% packet loss");

    private static final Pattern DUPLICATES = Pattern.compile("\\+(\\d+) duplicates");
    private static final Pattern RTT =
            Pattern.compile("= (\\d+(?:\\.\\d+)?)/(\\d+(?:\\.\\d+)?)/(\\d+(?:\\.\\d+)?)/(\\d+(?:\\.\\d+)?) ms");

    /** Reads ping's output; an output without the summary line (ping could not run) is an error quoting it. */
    public static PingStats parse(String output) {
        Matcher counts = COUNTS.matcher(output);
        if (!counts.find()) {
            throw new IllegalStateException(
                    "ping printed no summary (\"N packets transmitted, M received, ...\"): " + output.strip());
        }
        Matcher rtt = RTT.matcher(output);
        boolean times = rtt.find();
        return new PingStats(
                Integer.parseInt(counts.group(1)),
                Integer.parseInt(counts.group(2)),
                duplicates(counts.group(3)),
                Double.parseDouble(counts.group(4)),
                times ? Double.valueOf(rtt.group(1)) : null,
                times ? Double.valueOf(rtt.group(2)) : null,
                times ? Double.valueOf(rtt.group(3)) : null);
    }

    private static int duplicates(String extras) {
        Matcher m = DUPLICATES.matcher(extras);
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    /**
     * Pings {@code node} {@code count} times from the next node in order (the last from the first): how a packet fault
     * on a node is seen from outside it, its replies leaving through its faulty network.
     *
     * @throws IllegalStateException when ping printed no summary (it could not run)
     */
    static PingStats fromNextPeer(String node, NodeControl nodes, int count) {
        List<String> all = nodes.nodes();
        String peer = all.get((all.indexOf(node) + 1) % all.size());
        return parse(nodes.exec(peer, command(nodes.address(node), count)).output());
    }

    /** The command that measures: {@code count} echo requests 10 ms apart, waiting up to 2 s for the last. */
    static String[] command(String address, int count) {
        return new String[] {"ping", "-q", "-n", "-c", Integer.toString(count), "-i", "0.01", "-W", "2", address};
    }
}
