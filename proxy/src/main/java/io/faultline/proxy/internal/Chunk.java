package io.faultline.proxy.internal;

/**
 * Bytes read from one side of a connection, or the end of that side's stream, with the time they arrived.
 *
 * @param data the buffer (owned by this chunk)
 * @param offset where the bytes start in it
 * @param length how many bytes
 * @param arrivalNanos {@link System#nanoTime()} when they were read
 * @param endOfStream whether this marks the end of the stream rather than carrying bytes
 */
record Chunk(byte[] data, int offset, int length, long arrivalNanos, boolean endOfStream) {

    private static final byte[] NONE = new byte[0];

    static Chunk of(byte[] data, long arrivalNanos) {
        return new Chunk(data, 0, data.length, arrivalNanos, false);
    }

    static Chunk end(long arrivalNanos) {
        return new Chunk(NONE, 0, 0, arrivalNanos, true);
    }

    /** The bytes from {@code from} (inclusive) to {@code to} (exclusive), relative to this chunk. */
    Chunk slice(int from, int to) {
        return new Chunk(data, offset + from, to - from, arrivalNanos, false);
    }
}
