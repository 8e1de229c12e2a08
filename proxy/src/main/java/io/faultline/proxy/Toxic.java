package io.faultline.proxy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What a toxic does to the bytes of one direction of a connection: one record per Toxiproxy toxic type, with its
 * attributes in Toxiproxy's units. Attributes missing on the wire are 0, as in Toxiproxy.
 */
public sealed interface Toxic {

    /** The wire type name, for example {@code latency}. */
    String type();

    /** The attributes by wire name, in a stable order, as the JSON {@code attributes} object shows them. */
    Map<String, Long> attributes();

    /**
     * Builds a toxic from its wire type and attributes; unknown attribute names are ignored, missing ones are 0.
     *
     * @throws BadRequestException for an unknown type or an attribute out of range (the message names it)
     */
    static Toxic of(String type, Map<String, Long> attributes) {
        Function<String, Long> attr = key -> attributes.getOrDefault(key, 0L);
        return switch (type) {
            case "latency" -> new Latency(attr.apply("latency"), attr.apply("jitter"));
            case "bandwidth" -> new Bandwidth(attr.apply("rate"));
            case "slow_close" -> new SlowClose(attr.apply("delay"));
            case "timeout" -> new Timeout(attr.apply("timeout"));
            case "reset_peer" -> new ResetPeer(attr.apply("timeout"));
            case "slicer" -> new Slicer(attr.apply("average_size"), attr.apply("size_variation"), attr.apply("delay"));
            case "limit_data" -> new LimitData(attr.apply("bytes"));
            default ->
                throw new BadRequestException("invalid toxic type: \"" + type
                        + "\" (known: latency, bandwidth, slow_close, timeout, reset_peer, slicer, limit_data)");
        };
    }

    private static void requireNonNegative(String attribute, long value) {
        if (value < 0) {
            throw new BadRequestException("attributes." + attribute + " must not be negative, got " + value);
        }
        requireAtMostTheLimit(attribute, value);
    }

    private static void requireAtMostTheLimit(String attribute, long value) {
        if (value > ProxyLimits.MAX_ATTRIBUTE) {
            throw new BadRequestException(
                    "attributes." + attribute + " must be at most " + ProxyLimits.MAX_ATTRIBUTE + ", got " + value);
        }
    }

    private static Map<String, Long> ordered(Object... keysAndValues) {
        Map<String, Long> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], (Long) keysAndValues[i + 1]);
        }
        return map;
    }

    /** Delays each chunk by {@code latency} ms, plus or minus up to {@code jitter} ms, counted from its arrival. */
    record Latency(long latencyMs, long jitterMs) implements Toxic {
        public Latency {
            requireNonNegative("latency", latencyMs);
            requireNonNegative("jitter", jitterMs);
        }

        @Override
        public String type() {
            return "latency";
        }

        @Override
        public Map<String, Long> attributes() {
            return ordered("latency", latencyMs, "jitter", jitterMs);
        }
    }

    /** Limits throughput to {@code rate} KB/s (1 KB = 1000 bytes); 0 means unlimited. */
    record Bandwidth(long rateKbPerSecond) implements Toxic {
        public Bandwidth {
            requireNonNegative("rate", rateKbPerSecond);
        }

        @Override
        public String type() {
            return "bandwidth";
        }

        @Override
        public Map<String, Long> attributes() {
            return ordered("rate", rateKbPerSecond);
        }
    }

    /** Delays the close (end of stream) by {@code delay} ms. */
    record SlowClose(long delayMs) implements Toxic {
        public SlowClose {
            requireNonNegative("delay", delayMs);
        }

        @Override
        public String type() {
            return "slow_close";
        }

        @Override
        public Map<String, Long> attributes() {
            return ordered("delay", delayMs);
        }
    }

    /**
     * Stops data: the data is held, and the connection is closed {@code timeout} ms after the toxic took effect on
     * it; with 0 it is never closed, and the held data flows once the toxic is removed.
     */
    record Timeout(long timeoutMs) implements Toxic {
        public Timeout {
            requireNonNegative("timeout", timeoutMs);
        }

        @Override
        public String type() {
            return "timeout";
        }

        @Override
        public Map<String, Long> attributes() {
            return ordered("timeout", timeoutMs);
        }
    }

    /** Resets the connection (TCP RST, via SO_LINGER 0) {@code timeout} ms after the first data arrives. */
    record ResetPeer(long timeoutMs) implements Toxic {
        public ResetPeer {
            requireNonNegative("timeout", timeoutMs);
        }

        @Override
        public String type() {
            return "reset_peer";
        }

        @Override
        public Map<String, Long> attributes() {
            return ordered("timeout", timeoutMs);
        }
    }

    /**
     * Cuts each chunk into pieces of {@code average_size} plus or minus {@code size_variation} bytes, sent
     * {@code delay} microseconds apart.
     */
    record Slicer(long averageSize, long sizeVariation, long delayMicros) implements Toxic {
        public Slicer {
            if (averageSize < 1) {
                throw new BadRequestException("attributes.average_size must be at least 1, got " + averageSize);
            }
            requireAtMostTheLimit("average_size", averageSize);
            requireNonNegative("size_variation", sizeVariation);
            if (sizeVariation >= averageSize) {
                throw new BadRequestException("attributes.size_variation must be less than average_size (" + averageSize
                        + "), got " + sizeVariation);
            }
            requireNonNegative("delay", delayMicros);
        }

        @Override
        public String type() {
            return "slicer";
        }

        @Override
        public Map<String, Long> attributes() {
            return ordered("average_size", averageSize, "size_variation", sizeVariation, "delay", delayMicros);
        }
    }

    /** Lets {@code bytes} bytes through, then closes the connection. */
    record LimitData(long bytes) implements Toxic {
        public LimitData {
            requireNonNegative("bytes", bytes);
        }

        @Override
        public String type() {
            return "limit_data";
        }

        @Override
        public Map<String, Long> attributes() {
            return ordered("bytes", bytes);
        }
    }
}
