package io.faultline.sut.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.sut.node.NodeId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {

    private static final NodeId A = NodeId.of("n1");
    private static final NodeId B = NodeId.of("n2");

    @Test
    void every_message_type_survives_the_wire() {
        Term t = new Term(7);
        List<Message> messages = List.of(
                new Message.RequestVote(A, B, t, LogIndex.of(3), new Term(6), false),
                new Message.RequestVote(A, B, t, LogIndex.of(3), new Term(6), true),
                new Message.VoteResponse(B, A, t, true, true),
                new Message.AppendEntries(
                        A,
                        B,
                        t,
                        LogIndex.of(2),
                        new Term(5),
                        List.of(
                                LogEntry.command(t, LogIndex.of(3), "{\"op\":\"write\",\"key\":\"é\"}"),
                                LogEntry.noop(t, LogIndex.of(4)),
                                LogEntry.config(t, LogIndex.of(5), Configuration.of(Map.of(A, "h:1", B, "")))),
                        LogIndex.of(2),
                        42),
                new Message.AppendResponse(B, A, t, false, LogIndex.of(3), 42),
                new Message.InstallSnapshot(
                        A, B, t, new Snapshot(LogIndex.of(9), new Term(6), Configuration.of(Map.of(A, "")), "{}"), 43));

        for (Message m : messages) {
            assertThat(MessageCodec.decode(MessageCodec.encode(m)))
                    .as("round trip of %s", m)
                    .isEqualTo(m);
        }
    }

    @Test
    void an_unknown_message_type_is_a_malformed_frame() {
        byte[] frame = MessageCodec.encode(new Message.VoteResponse(B, A, new Term(1), true, false));
        frame[0] = 99;

        assertThatThrownBy(() -> MessageCodec.decode(frame))
                .isInstanceOf(io.faultline.sut.net.WireCodec.MalformedFrameException.class)
                .hasMessageContaining("unknown message type 99");
    }
}
