package io.faultline.sut.net;

import io.faultline.sut.node.NodeId;

/**
 * How one engine's peer messages travel: its messages to bytes and back, and whom each is for. The
 * {@link PeerTransport} frames the bytes; the codec knows nothing of sockets.
 *
 * @param <M> the engine's message type
 */
public interface WireCodec<M> {

    byte[] encode(M message);

    /** @throws MalformedFrameException when the bytes are not one whole message of this engine */
    M decode(byte[] frame);

    /** The node a message is addressed to. */
    NodeId to(M message);

    /** The codec of {@code encode}, {@code decode} and {@code to}: how each engine makes its {@code WIRE}. */
    static <M> WireCodec<M> of(
            java.util.function.Function<M, byte[]> encode,
            java.util.function.Function<byte[], M> decode,
            java.util.function.Function<M, NodeId> to) {
        return new WireCodec<>() {
            @Override
            public byte[] encode(M message) {
                return encode.apply(message);
            }

            @Override
            public M decode(byte[] frame) {
                return decode.apply(frame);
            }

            @Override
            public NodeId to(M message) {
                return to.apply(message);
            }
        };
    }

    /** A string on every engine's wire: its UTF-8 length as an int, then the bytes (no 64 KiB limit, unlike UTF). */
    static void writeString(java.io.DataOutputStream out, String s) throws java.io.IOException {
        byte[] bytes = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    /** Reads what {@link #writeString} wrote; a length beyond the frame is a {@link MalformedFrameException}. */
    static String readString(java.io.DataInputStream in) throws java.io.IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) {
            throw new MalformedFrameException(
                    "a string of " + n + " bytes in a frame with " + in.available() + " left");
        }
        return new String(in.readNBytes(n), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** A frame that is not a message of the engine's wire format: the connection it came on is closed. */
    final class MalformedFrameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedFrameException(String message) {
            super(message);
        }
    }
}
