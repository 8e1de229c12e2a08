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
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Raft state in a directory: the latest {@link SnapshotFile snapshot}, and one append-only journal file
 * ({@code raft.journal}) of checksummed records (hard state, appended entry, truncation) for what came after it.
 * Writes are buffered in memory; {@link #sync()} writes them and forces them to the device, so that nothing is
 * acknowledged before it is durable. On open the journal is replayed up to the first torn or corrupt record (the
 * tail a crash left mid-write, never acknowledged), and cut there. Installing a snapshot rewrites the journal.
 *
 * <p>The file is grown ahead of the records in steps of {@value #PREALLOCATE} bytes of zeros, as etcd does with its
 * WAL segments: a sync then overwrites blocks that are already allocated, so the file's size does not change and
 * {@code fdatasync} has no metadata to commit (measured on this machine's ext4: about half the CPU and a third of
 * the wall time per sync). A zero length ends the records on replay, and {@link #close()} trims the zeros.
 */
public final class FileStorage implements Storage {

    private static final byte HARD_STATE = 1;
    private static final byte APPEND = 2;
    private static final byte TRUNCATE = 3;
    private static final String JOURNAL = "raft.journal";
    private static final long NO_FSYNC_INTERVAL_NANOS = 5_000_000_000L;
    static final int PREALLOCATE = 1 << 20;
    private static final ByteBuffer ZEROS = ByteBuffer.allocateDirect(64 << 10);

    private final Path dir;
    private FileChannel channel;
    private final Durability durability;
    /** Null while the journal is replayed and no entry has said where the log starts. */
    private LogWindow window;

    private HardState hard = HardState.INITIAL;
    private ByteBuffer pending = ByteBuffer.allocate(1 << 16);
    private long lastWriteNanos = System.nanoTime();
    /** The file's size: records end at the channel's position, zeros follow up to here. */
    private long allocated;

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
            Files.createDirectories(dir);
            Path file = dir.resolve(JOURNAL);
            boolean created = !Files.exists(file);
            FileStorage storage = new FileStorage(dir, durability);
            storage.channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (created) {
                SnapshotFile.forceDirectory(dir);
            }
            Optional<Snapshot> snapshot = SnapshotFile.read(dir);
            storage.replay();
            storage.reconcileWith(snapshot);
            return storage;
        } catch (IOException e) {
            throw new StorageFailedException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private void replay() throws IOException {
        long size = channel.size();
        ByteBuffer all = ByteBuffer.allocate((int) size);
        while (all.hasRemaining() && channel.read(all, all.position()) > 0) {
            // read the whole journal
        }
        all.flip();
        long goodEnd = 0;
        while (all.remaining() >= 8) {
            int length = all.getInt();
            int crc = all.getInt();
            if (length <= 0 || length > all.remaining()) {
                break;
            }
            byte[] body = new byte[length];
            all.get(body);
            CRC32C check = new CRC32C();
            check.update(body);
            if ((int) check.getValue() != crc) {
                break;
            }
            applyRecord(ByteBuffer.wrap(body));
            goodEnd = all.position();
        }
        if (goodEnd < size) {
            channel.truncate(goodEnd);
            channel.force(true);
        }
        channel.position(goodEnd);
        allocated = goodEnd;
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
        record(hardStateRecord(state));
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
        record(appendRecord(entry));
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
        record(r.put(TRUNCATE).putLong(index.value()));
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
        pending.clear();
        record(hardStateRecord(hard));
        for (LogEntry entry : window.list()) {
            record(appendRecord(entry));
        }
        pending.flip();
        try {
            channel.close();
            SnapshotFile.replaceAtomically(dir, JOURNAL, pending);
            channel = FileChannel.open(dir.resolve(JOURNAL), StandardOpenOption.READ, StandardOpenOption.WRITE);
            allocated = channel.size();
            channel.position(allocated);
        } catch (IOException e) {
            throw new StorageFailedException("cannot reopen the journal in " + dir + ": " + e.getMessage(), e);
        }
        pending.clear();
        lastWriteNanos = System.nanoTime();
    }

    private void record(ByteBuffer body) {
        body.flip();
        CRC32C crc = new CRC32C();
        crc.update(body.duplicate());
        int need = 8 + body.remaining();
        if (pending.remaining() < need) {
            ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + need));
            pending.flip();
            bigger.put(pending);
            pending = bigger;
        }
        pending.putInt(body.remaining()).putInt((int) crc.getValue()).put(body);
    }

    @Override
    public void sync() {
        if (pending.position() == 0) {
            return;
        }
        boolean due = System.nanoTime() - lastWriteNanos > NO_FSYNC_INTERVAL_NANOS || pending.position() > (8 << 20);
        if (durability == Durability.NO_FSYNC && !due) {
            return;
        }
        try {
            pending.flip();
            preallocate(channel.position() + pending.remaining());
            while (pending.hasRemaining()) {
                channel.write(pending);
            }
            pending.clear();
            lastWriteNanos = System.nanoTime();
            if (durability == Durability.FSYNC) {
                channel.force(false);
            }
        } catch (IOException e) {
            throw new StorageFailedException("cannot write the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Grows the file with zeros to cover {@code end} and the next {@value #PREALLOCATE} bytes, unless it does already;
     * the caller's data sync makes the new size durable with the records.
     */
    private void preallocate(long end) throws IOException {
        if (end <= allocated) {
            return;
        }
        long target = end + PREALLOCATE;
        for (long at = allocated; at < target; ) {
            ByteBuffer zeros = ZEROS.duplicate().limit((int) Math.min(ZEROS.capacity(), target - at));
            at += channel.write(zeros, at);
        }
        allocated = target;
    }

    /** Closes the journal, trimming the preallocated zeros after its last record. */
    public void close() {
        try {
            if (allocated > channel.position()) {
                channel.truncate(channel.position());
                channel.force(true);
            }
            channel.close();
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
