package io.faultline.nemeses;

import java.time.Duration;
import java.util.List;

/**
 * The cluster's node-to-node links, when each directed link goes through its own Toxiproxy-compatible proxy: node
 * {@code from} reaches node {@code to} only through the link {@code from -> to}, which carries every message
 * {@code from} sends to {@code to}. The harness implements it with the official Toxiproxy client, so the same
 * nemeses work against our proxy and against Shopify's.
 */
public interface LinkControl {

    /** One directed link. */
    record Link(String from, String to) {
        public Link {
            if (from.equals(to)) {
                throw new IllegalArgumentException("a link joins two different nodes, not " + from + " to itself");
            }
        }

        @Override
        public String toString() {
            return from + "->" + to;
        }
    }

    /** A fault on the bytes of a link, in the direction of its messages (Toxiproxy's upstream). */
    sealed interface Toxic {
        /** Delays every chunk by {@code millis} ± {@code jitterMillis}. */
        record Latency(long millis, long jitterMillis) implements Toxic {}

        /** Limits the link to {@code kilobytesPerSecond}. */
        record Bandwidth(long kilobytesPerSecond) implements Toxic {}

        /** Resets every connection (TCP RST) after {@code millis}. */
        record ResetPeer(long millis) implements Toxic {}

        /** Cuts data into small chunks of about {@code averageBytes}, {@code delayMicros} apart. */
        record Slicer(long averageBytes, long variationBytes, long delayMicros) implements Toxic {}
    }

    /** What a probe connection through a link saw. */
    sealed interface Probe {
        /** Nothing listens: the link is cut. */
        record Refused() implements Probe {}

        /** The far end closed the connection this long after the probe sent a byte and closed its side. */
        record Closed(Duration after) implements Probe {}

        /** The connection was reset this long after the probe started. */
        record Reset(Duration after) implements Probe {}

        /** Nothing came back within the probe's patience. */
        record Silent(Duration waited) implements Probe {}
    }

    List<Link> links();

    /** Refuses new connections on the link and closes the open ones. */
    void cut(Link link);

    /** Undoes {@link #cut}. */
    void restore(Link link);

    void addToxic(Link link, Toxic toxic);

    /** Removes every toxic from the link. */
    void clearToxics(Link link);

    /** Every link open and without toxics. */
    void resetAll();

    /**
     * Opens a connection through the link as its {@code from} node would, sends one byte, closes its sending side
     * and waits up to {@code patience} for the far end to close: measures what the link does to traffic now.
     */
    Probe probe(Link link, Duration patience);
}
