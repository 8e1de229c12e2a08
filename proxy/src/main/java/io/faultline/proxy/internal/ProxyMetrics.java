package io.faultline.proxy.internal;

import io.faultline.proxy.Stream;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one proxy: connections accepted, and bytes received and sent in each direction. */
public final class ProxyMetrics {

    /** Byte counters of one direction. */
    public static final class Direction {
        private final LongAdder received = new LongAdder();
        private final LongAdder sent = new LongAdder();

        void received(int bytes) {
            received.add(bytes);
        }

        void sent(int bytes) {
            sent.add(bytes);
        }

        /** Bytes read from the side the direction starts at. */
        public long receivedBytes() {
            return received.sum();
        }

        /** Bytes written to the side the direction ends at. */
        public long sentBytes() {
            return sent.sum();
        }
    }

    private final Map<Stream, Direction> directions = new EnumMap<>(Stream.class);
    private final LongAdder connections = new LongAdder();

    ProxyMetrics() {
        for (Stream stream : Stream.values()) {
            directions.put(stream, new Direction());
        }
    }

    public Direction direction(Stream stream) {
        return directions.get(stream);
    }

    void connectionAccepted() {
        connections.increment();
    }

    /** Connections accepted since the proxy was created. */
    public long connectionsTotal() {
        return connections.sum();
    }
}
