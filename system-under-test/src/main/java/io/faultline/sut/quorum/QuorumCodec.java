package io.faultline.sut.quorum;

import io.faultline.sut.json.JsonException;
import io.faultline.sut.json.JsonValue;
import io.faultline.sut.net.WireCodec;
import io.faultline.sut.net.WireCodec.MalformedFrameException;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.QuorumMessage.Query;
import io.faultline.sut.quorum.QuorumMessage.QueryReply;
import io.faultline.sut.quorum.QuorumMessage.Store;
import io.faultline.sut.quorum.QuorumMessage.StoreAck;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Quorum messages as bytes on the peer wire: a type byte, sender, receiver, op id and key, then the message's own
 * fields. A value travels as its JSON text, which {@link JsonValue#parse(String)} reads back to an equal value.
 */
public final class QuorumCodec {

    /** The codec the {@link io.faultline.sut.net.PeerTransport} carries quorum messages with. */
    public static final WireCodec<QuorumMessage> WIRE =
            WireCodec.of(QuorumCodec::encode, QuorumCodec::decode, QuorumMessage::to);

    private static final byte QUERY = 1;
    private static final byte QUERY_REPLY = 2;
    private static final byte STORE = 3;
    private static final byte STORE_ACK = 4;

    private QuorumCodec() {}

    public static byte[] encode(QuorumMessage message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            switch (message) {
                case Query m -> header(out, QUERY, m);
                case QueryReply m -> {
                    header(out, QUERY_REPLY, m);
                    writeVersioned(out, m.current());
                }
                case Store m -> {
                    header(out, STORE, m);
                    writeVersioned(out, m.proposed());
                }
                case StoreAck m -> header(out, STORE_ACK, m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes one whole message; anything else (unknown type, short or trailing bytes, bad JSON) is malformed. */
    public static QuorumMessage decode(byte[] frame) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame))) {
            byte type = in.readByte();
            if (type < QUERY || type > STORE_ACK) {
                throw new MalformedFrameException("unknown quorum message type " + type);
            }
            NodeId from = NodeId.of(in.readUTF());
            NodeId to = NodeId.of(in.readUTF());
            long op = in.readLong();
            String key = WireCodec.readString(in);
            QuorumMessage message = switch (type) {
                case QUERY -> new Query(from, to, op, key);
                case QUERY_REPLY -> new QueryReply(from, to, op, key, readVersioned(in));
                case STORE -> new Store(from, to, op, key, readVersioned(in));
                default -> new StoreAck(from, to, op, key);
            };
            if (in.available() > 0) {
                throw new MalformedFrameException(in.available() + " bytes after a whole quorum message");
            }
            return message;
        } catch (IOException | IllegalArgumentException | JsonException e) {
            throw new MalformedFrameException("cannot decode a quorum message: " + e.getMessage());
        }
    }

    private static void header(DataOutputStream out, byte type, QuorumMessage m) throws IOException {
        out.writeByte(type);
        out.writeUTF(m.from().value());
        out.writeUTF(m.to().value());
        out.writeLong(m.op());
        WireCodec.writeString(out, m.key());
    }

    private static void writeVersioned(DataOutputStream out, Versioned v) throws IOException {
        out.writeLong(v.version().counter());
        out.writeUTF(v.version().writer().value());
        WireCodec.writeString(out, v.value().toString());
    }

    private static Versioned readVersioned(DataInputStream in) throws IOException {
        Version version = new Version(in.readLong(), NodeId.of(in.readUTF()));
        return new Versioned(version, JsonValue.parse(WireCodec.readString(in)));
    }
}
