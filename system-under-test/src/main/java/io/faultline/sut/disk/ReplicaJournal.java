package io.faultline.sut.disk;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.QuorumReady.Persist;
import io.faultline.sut.quorum.Version;
import io.faultline.sut.quorum.Versioned;
import io.faultline.sut.raft.StorageFailedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quorum replica's durable state in a {@link RecordJournal} ({@code quorum.journal}): one record per value it
 * kept (key, version, value as JSON text), the last record of a key winning on replay. When the journal holds many
 * more records than keys it is rewritten with one record per key. {@link #sync()} writes and fsyncs what was
 * appended, so that no acknowledgement precedes the write it promises.
 */
public final class ReplicaJournal implements AutoCloseable {

    static final String JOURNAL = "quorum.journal";
    private static final String INCARNATION = "quorum.incarnation";
    private static final int COMPACT_AT = 10_000;

    private final Path dir;
    private final RecordJournal journal;
    private final Map<String, Versioned> state;
    private long records;

    private ReplicaJournal(Path dir, RecordJournal journal, Map<String, Versioned> state, long records) {
        this.dir = dir;
        this.journal = journal;
        this.state = state;
        this.records = records;
    }

    public static ReplicaJournal open(Path dir) {
        Map<String, Versioned> state = new LinkedHashMap<>();
        long[] count = {0};
        try {
            RecordJournal journal = RecordJournal.open(dir, JOURNAL, body -> {
                Persist p = decode(body);
                state.put(p.key(), p.versioned());
                count[0]++;
            });
            return new ReplicaJournal(dir, journal, state, count[0]);
        } catch (IOException | RuntimeException e) {
            throw new StorageFailedException("cannot open the replica journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** What the replica held durably when it was opened, and since then what it was given: key to newest value. */
    public Map<String, Versioned> state() {
        return Map.copyOf(state);
    }

    public void append(Persist update) {
        state.put(update.key(), update.versioned());
        journal.append(encode(update));
        records++;
    }

    /**
     * This start's incarnation: one more than the last start's, kept durably in {@code quorum.incarnation} (written
     * whole, atomically) before the node sends anything, so that no reply to an operation of an earlier life is
     * counted towards one of this life.
     */
    public long nextIncarnation() {
        Path file = dir.resolve(INCARNATION);
        try {
            long last = java.nio.file.Files.exists(file)
                    ? Long.parseLong(java.nio.file.Files.readString(file, StandardCharsets.UTF_8)
                            .trim())
                    : -1;
            long next = last + 1;
            SnapshotFile.replaceAtomically(
                    dir, INCARNATION, ByteBuffer.wrap(Long.toString(next).getBytes(StandardCharsets.UTF_8)));
            return next;
        } catch (IOException | NumberFormatException e) {
            throw new StorageFailedException("cannot keep the incarnation in " + file + ": " + e.getMessage(), e);
        }
    }

    /** Writes and forces what was appended; rewrites the journal compactly when it has grown. */
    public void sync() {
        try {
            if (records > COMPACT_AT && records > 4L * state.size()) {
                List<ByteBuffer> compact = new ArrayList<>();
                state.forEach((key, value) -> compact.add(encode(new Persist(key, value))));
                journal.rewrite(compact);
                records = state.size();
                return;
            }
            journal.write(true);
        } catch (IOException e) {
            throw new StorageFailedException("cannot write the replica journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer encode(Persist p) {
        byte[] key = p.key().getBytes(StandardCharsets.UTF_8);
        byte[] writer = p.versioned().version().writer().value().getBytes(StandardCharsets.UTF_8);
        byte[] value = p.versioned().value().toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(4 + key.length + 8 + 4 + writer.length + 4 + value.length);
        return b.putInt(key.length)
                .put(key)
                .putLong(p.versioned().version().counter())
                .putInt(writer.length)
                .put(writer)
                .putInt(value.length)
                .put(value);
    }

    private static Persist decode(ByteBuffer b) {
        String key = string(b);
        long counter = b.getLong();
        NodeId writer = NodeId.of(string(b));
        JsonValue value = JsonValue.parse(string(b));
        return new Persist(key, new Versioned(new Version(counter, writer), value));
    }

    private static String string(ByteBuffer b) {
        byte[] bytes = new byte[b.getInt()];
        b.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        try {
            journal.close();
        } catch (IOException e) {
            throw new StorageFailedException("cannot close the replica journal in " + dir + ": " + e.getMessage(), e);
        }
    }
}
