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

    /** A frame that is not a message of the engine's wire format: the connection it came on is closed. */
    final class MalformedFrameException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public MalformedFrameException(String message) {
            super(message);
        }
    }
}
