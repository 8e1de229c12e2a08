package io.faultline.sut.quorum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.net.WireCodec.MalformedFrameException;
import io.faultline.sut.node.NodeId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class QuorumCodecTest {

    private static final NodeId A = NodeId.of("n1");
    private static final NodeId B = NodeId.of("n-2.b");

    private static final List<QuorumMessage> MESSAGES = List.of(
            new QuorumMessage.Query(A, B, 1, "x"),
            new QuorumMessage.QueryReply(B, A, 1, "x", Versioned.NONE),
            new QuorumMessage.QueryReply(
                    B,
                    A,
                    Long.MAX_VALUE,
                    "é/ключ",
                    new Versioned(new Version(7, B), JsonValue.parse("{\"a\":[1,\"two\",null,true]}"))),
            new QuorumMessage.Store(
                    A, B, (3L << 32) + 5, "", new Versioned(new Version(Long.MAX_VALUE, A), JsonValue.NULL)),
            new QuorumMessage.Store(A, A, 2, "x", new Versioned(new Version(1, A), JsonValue.of("line\nbreak \"q\""))),
            new QuorumMessage.StoreAck(B, A, 2, "x"));

    @Test
    void every_message_survives_the_wire() {
        for (QuorumMessage m : MESSAGES) {
            assertThat(QuorumCodec.WIRE.decode(QuorumCodec.WIRE.encode(m)))
                    .as("round trip of %s", m)
                    .isEqualTo(m);
            assertThat(QuorumCodec.WIRE.to(m)).isEqualTo(m.to());
        }
    }

    @Test
    void an_unknown_type_a_cut_frame_trailing_bytes_and_bad_json_are_malformed_frames() {
        byte[] frame = QuorumCodec.encode(MESSAGES.get(2));

        byte[] unknown = frame.clone();
        unknown[0] = 99;
        assertThatThrownBy(() -> QuorumCodec.decode(unknown))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("unknown quorum message type 99");
        assertThatThrownBy(() -> QuorumCodec.decode(Arrays.copyOf(frame, frame.length - 3)))
                .isInstanceOf(MalformedFrameException.class);
        assertThatThrownBy(() -> QuorumCodec.decode(Arrays.copyOf(frame, frame.length + 1)))
                .isInstanceOf(MalformedFrameException.class)
                .hasMessageContaining("after a whole quorum message");
        assertThatThrownBy(() -> QuorumCodec.decode(new byte[0])).isInstanceOf(MalformedFrameException.class);

        byte[] badJson = QuorumCodec.encode(
                new QuorumMessage.Store(A, B, 1, "k", new Versioned(new Version(1, A), JsonValue.of(12345))));
        byte[] digits = "12345".getBytes(StandardCharsets.US_ASCII);
        badJson[badJson.length - digits.length] = '{';
        assertThatThrownBy(() -> QuorumCodec.decode(badJson)).isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void random_garbage_is_a_malformed_frame_and_never_another_exception() {
        Random random = new Random(1);
        for (int i = 0; i < 2_000; i++) {
            byte[] garbage = new byte[random.nextInt(40)];
            random.nextBytes(garbage);
            if (garbage.length > 0) {
                garbage[0] = (byte) (1 + random.nextInt(4)); // a known type, so decoding goes past the first byte
            }
            try {
                QuorumCodec.decode(garbage);
            } catch (MalformedFrameException expected) {
                // the only acceptable failure
            }
        }
    }
}
