package io.faultline.sut.raft;

import io.faultline.sut.net.WireCodec;
import io.faultline.sut.net.WireCodec.MalformedFrameException;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Message.AppendEntries;
import io.faultline.sut.raft.Message.AppendResponse;
import io.faultline.sut.raft.Message.InstallSnapshot;
import io.faultline.sut.raft.Message.RequestVote;
import io.faultline.sut.raft.Message.VoteResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Raft messages as bytes on the peer wire: a type byte, then the fields in order. */
public final class MessageCodec {

    /** The codec the {@link io.faultline.sut.net.PeerTransport} carries Raft messages with. */
    public static final WireCodec<Message> WIRE = WireCodec.of(MessageCodec::encode, MessageCodec::decode, Message::to);

    private static final byte REQUEST_VOTE = 1;
    private static final byte VOTE_RESPONSE = 2;
    private static final byte APPEND_ENTRIES = 3;
    private static final byte APPEND_RESPONSE = 4;
    private static final byte INSTALL_SNAPSHOT = 5;

    private MessageCodec() {}

    public static byte[] encode(Message message) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            switch (message) {
                case RequestVote m -> {
                    header(out, REQUEST_VOTE, m);
                    out.writeLong(m.lastIndex().value());
                    out.writeLong(m.lastTerm().value());
                    out.writeBoolean(m.preVote());
                }
                case VoteResponse m -> {
                    header(out, VOTE_RESPONSE, m);
                    out.writeBoolean(m.granted());
                    out.writeBoolean(m.preVote());
                }
                case AppendEntries m -> {
                    header(out, APPEND_ENTRIES, m);
                    out.writeLong(m.prevIndex().value());
                    out.writeLong(m.prevTerm().value());
                    out.writeLong(m.leaderCommit().value());
                    out.writeLong(m.seq());
                    out.writeInt(m.entries().size());
                    for (LogEntry e : m.entries()) {
                        out.writeLong(e.term().value());
                        out.writeLong(e.index().value());
                        out.writeByte(e.kind().ordinal());
                        WireCodec.writeString(out, e.data());
                    }
                }
                case InstallSnapshot m -> {
                    header(out, INSTALL_SNAPSHOT, m);
                    Snapshot s = m.snapshot();
                    out.writeLong(s.index().value());
                    out.writeLong(s.term().value());
                    WireCodec.writeString(out, s.configuration().encode());
                    WireCodec.writeString(out, s.data());
                    out.writeLong(m.seq());
                }
                case AppendResponse m -> {
                    header(out, APPEND_RESPONSE, m);
                    out.writeBoolean(m.success());
                    out.writeLong(m.index().value());
                    out.writeLong(m.seq());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** Decodes one message; a malformed frame is a {@link MalformedFrameException}. */
    public static Message decode(byte[] frame) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(frame))) {
            byte type = in.readByte();
            NodeId from = NodeId.of(in.readUTF());
            NodeId to = NodeId.of(in.readUTF());
            Term term = new Term(in.readLong());
            return switch (type) {
                case REQUEST_VOTE ->
                    new RequestVote(
                            from, to, term, LogIndex.of(in.readLong()), new Term(in.readLong()), in.readBoolean());
                case VOTE_RESPONSE -> new VoteResponse(from, to, term, in.readBoolean(), in.readBoolean());
                case APPEND_ENTRIES -> {
                    LogIndex prevIndex = LogIndex.of(in.readLong());
                    Term prevTerm = new Term(in.readLong());
                    LogIndex commit = LogIndex.of(in.readLong());
                    long seq = in.readLong();
                    int n = in.readInt();
                    if (n < 0 || n > frame.length) {
                        throw new MalformedFrameException("AppendEntries claims " + n + " entries");
                    }
                    List<LogEntry> entries = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        Term t = new Term(in.readLong());
                        LogIndex index = LogIndex.of(in.readLong());
                        entries.add(new LogEntry(t, index, kind(in.readByte()), WireCodec.readString(in)));
                    }
                    yield new AppendEntries(from, to, term, prevIndex, prevTerm, entries, commit, seq);
                }
                case INSTALL_SNAPSHOT -> {
                    LogIndex index = LogIndex.of(in.readLong());
                    Term snapshotTerm = new Term(in.readLong());
                    Configuration configuration = Configuration.decode(WireCodec.readString(in));
                    String data = WireCodec.readString(in);
                    yield new InstallSnapshot(
                            from, to, term, new Snapshot(index, snapshotTerm, configuration, data), in.readLong());
                }
                case APPEND_RESPONSE ->
                    new AppendResponse(from, to, term, in.readBoolean(), LogIndex.of(in.readLong()), in.readLong());
                default -> throw new MalformedFrameException("unknown message type " + type);
            };
        } catch (IOException | IllegalArgumentException e) {
            throw new MalformedFrameException("cannot decode a peer message: " + e.getMessage());
        }
    }

    private static LogEntry.Kind kind(byte ordinal) {
        LogEntry.Kind[] kinds = LogEntry.Kind.values();
        if (ordinal < 0 || ordinal >= kinds.length) {
            throw new MalformedFrameException("unknown log entry kind " + ordinal);
        }
        return kinds[ordinal];
    }

    private static void header(DataOutputStream out, byte type, Message m) throws IOException {
        out.writeByte(type);
        out.writeUTF(m.from().value());
        out.writeUTF(m.to().value());
        out.writeLong(m.term().value());
    }
}
