package io.faultline.sut.disk;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.HardState;
import io.faultline.sut.raft.LogEntry;
import io.faultline.sut.raft.LogIndex;
import io.faultline.sut.raft.LogWindow;
import io.faultline.sut.raft.Snapshot;
import io.faultline.sut.raft.Storage;
import io.faultline.sut.raft.StorageFailedException;
import io.faultline.sut.raft.Term;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Raft state in a directory: the latest {@link SnapshotFile snapshot}, and one {@link RecordJournal}
 * ({@code raft.journal}) of records (hard state, appended entry, truncation) for what came after it. Writes are
 * buffered in memory; {@link #sync()} writes them and forces them to the device, so that nothing is acknowledged
 * before it is durable. Installing a snapshot rewrites the journal.
 */
public final class FileStorage implements Storage {

    private static final byte HARD_STATE = 1;
    private static final byte APPEND = 2;
    private static final byte TRUNCATE = 3;
    private static final String JOURNAL = "raft.journal";
    private static final long NO_FSYNC_INTERVAL_NANOS = 5_000_000_000L;
    static final int PREALLOCATE = RecordJournal.PREALLOCATE;

    private final Path dir;
    private RecordJournal journal;
    private final Durability durability;
    /** Null while the journal is replayed and no entry has said where the log starts. */
    private LogWindow window;

    private HardState hard = HardState.INITIAL;
    private long lastWriteNanos = System.nanoTime();

    /** Whether {@link #sync()} keeps its promise. */
    public enum Durability {
        /** Write and fsync on every sync. */
        FSYNC,
        /** A known bug: sync keeps writes in this process's memory and writes them out every 5 s (or 8 MiB). */
        NO_FSYNC
    }

    private FileStorage(Path dir, Durability durability) {
        this.dir = dir;
        this.durability = durability;
    }

    public static FileStorage open(Path dir, Durability durability) {
        try {
            FileStorage storage = new FileStorage(dir, durability);
            storage.journal = RecordJournal.open(dir, JOURNAL, storage::applyRecord);
            storage.reconcileWith(SnapshotFile.read(dir));
            return storage;
        } catch (IOException e) {
            throw new StorageFailedException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * A crash between writing a snapshot and rewriting the journal leaves the old journal: keep only the entries
     * after the snapshot, and none if the journal disagrees with the snapshot at its index.
     */
    private void reconcileWith(Optional<Snapshot> snapshot) {
        long at = snapshot.map(s -> s.index().value()).orElse(0L);
        if (window == null) {
            window = new LogWindow(at, snapshot, List.of());
            return;
        }
        if (window.offset() > at) {
            throw new StorageFailedException("journal in " + dir + " starts at " + (window.offset() + 1)
                    + " but the snapshot ends at " + at + ": entries are missing");
        }
        snapshot.ifPresent(window::install);
    }

    private void applyRecord(ByteBuffer r) {
        byte type = r.get();
        switch (type) {
            case HARD_STATE -> {
                Term term = new Term(r.getLong());
                String vote = readString(r);
                hard = new HardState(term, vote.isEmpty() ? Optional.empty() : Optional.of(NodeId.of(vote)));
            }
            case APPEND -> {
                Term term = new Term(r.getLong());
                LogIndex index = LogIndex.of(r.getLong());
                byte kind = r.get();
                if (kind < 0 || kind >= LogEntry.Kind.values().length) {
                    throw new StorageFailedException("journal in " + dir + " holds an entry of unknown kind " + kind);
                }
                if (window == null) {
                    window = new LogWindow(index.value() - 1, Optional.empty(), List.of());
                }
                window.list().add(new LogEntry(term, index, LogEntry.Kind.values()[kind], readString(r)));
            }
            case TRUNCATE -> {
                LogIndex from = LogIndex.of(r.getLong());
                if (window != null && from.value() <= window.offset()) {
                    window.list().clear();
                } else if (window != null) {
                    window.truncateFrom(from);
                }
            }
            default -> throw new StorageFailedException("journal in " + dir + " holds an unknown record type " + type);
        }
    }

    @Override
    public HardState hardState() {
        return hard;
    }

    @Override
    public void saveHardState(HardState state) {
        hard = state;
        journal.append(hardStateRecord(state));
    }

    private static ByteBuffer hardStateRecord(HardState state) {
        byte[] vote = state.votedFor().map(NodeId::value).orElse("").getBytes(StandardCharsets.UTF_8);
        ByteBuffer r = ByteBuffer.allocate(1 + 8 + 4 + vote.length);
        return r.put(HARD_STATE)
                .putLong(state.term().value())
                .putInt(vote.length)
                .put(vote);
    }

    @Override
    public LogIndex lastIndex() {
        return window.lastIndex();
    }

    @Override
    public Optional<Snapshot> snapshot() {
        return window.snapshot();
    }

    @Override
    public Term termAt(LogIndex index) {
        return window.termAt(index);
    }

    @Override
    public LogEntry entry(LogIndex index) {
        return window.entry(index);
    }

    @Override
    public List<LogEntry> entries(LogIndex from, int max) {
        return window.entries(from, max);
    }

    @Override
    public void append(LogEntry entry) {
        window.append(entry);
        journal.append(appendRecord(entry));
    }

    private static ByteBuffer appendRecord(LogEntry entry) {
        byte[] data = entry.data().getBytes(StandardCharsets.UTF_8);
        ByteBuffer r = ByteBuffer.allocate(1 + 8 + 8 + 1 + 4 + data.length);
        return r.put(APPEND)
                .putLong(entry.term().value())
                .putLong(entry.index().value())
                .put((byte) entry.kind().ordinal())
                .putInt(data.length)
                .put(data);
    }

    @Override
    public void truncateFrom(LogIndex index) {
        window.truncateFrom(index);
        ByteBuffer r = ByteBuffer.allocate(1 + 8);
        journal.append(r.put(TRUNCATE).putLong(index.value()));
    }

    @Override
    public void installSnapshot(Snapshot s) {
        if (s.index().value() <= window.offset()) {
            return;
        }
        window.install(s);
        SnapshotFile.write(dir, s);
        rewriteJournal();
    }

    /** Replaces the journal by one holding the hard state and the entries after the snapshot. */
    private void rewriteJournal() {
        List<ByteBuffer> records = new java.util.ArrayList<>();
        records.add(hardStateRecord(hard));
        for (LogEntry entry : window.list()) {
            records.add(appendRecord(entry));
        }
        try {
            journal.rewrite(records);
        } catch (IOException e) {
            throw new StorageFailedException("cannot reopen the journal in " + dir + ": " + e.getMessage(), e);
        }
        lastWriteNanos = System.nanoTime();
    }

    @Override
    public void sync() {
        int pending = journal.pendingBytes();
        if (pending == 0) {
            return;
        }
        boolean due = System.nanoTime() - lastWriteNanos > NO_FSYNC_INTERVAL_NANOS || pending > (8 << 20);
        if (durability == Durability.NO_FSYNC && !due) {
            return;
        }
        try {
            journal.write(durability == Durability.FSYNC);
            lastWriteNanos = System.nanoTime();
        } catch (IOException e) {
            throw new StorageFailedException("cannot write the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Closes the journal, trimming the preallocated zeros after its last record. */
    public void close() {
        try {
            journal.close();
        } catch (IOException e) {
            throw new StorageFailedException("cannot close the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static String readString(ByteBuffer r) {
        byte[] bytes = new byte[r.getInt()];
        r.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
