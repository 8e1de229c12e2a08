package io.faultline.sut.disk;

import io.faultline.sut.raft.HardState;
import io.faultline.sut.raft.LogEntry;
import io.faultline.sut.raft.LogIndex;
import io.faultline.sut.raft.NodeId;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * Raft state in one append-only journal file ({@code raft.journal}) of checksummed records: hard state, appended
 * entry, truncation. Writes are buffered in memory; {@link #sync()} writes them and forces them to the device, so
 * that nothing is acknowledged before it is durable. On open the journal is replayed up to the first torn or
 * corrupt record (the tail a crash left mid-write, never acknowledged), and cut there.
 */
public final class FileStorage implements Storage {

    private static final byte HARD_STATE = 1;
    private static final byte APPEND = 2;
    private static final byte TRUNCATE = 3;

    private final Path file;
    private final FileChannel channel;
    private final Durability durability;
    private final List<LogEntry> log = new ArrayList<>();
    private HardState hard = HardState.INITIAL;
    private ByteBuffer pending = ByteBuffer.allocate(1 << 16);
    private long lastWriteNanos = System.nanoTime();
    private long syncs;

    /** Whether {@link #sync()} keeps its promise. */
    public enum Durability {
        /** Write and fsync on every sync. */
        FSYNC,
        /** A known bug: sync keeps writes in this process's memory and writes them out about once a second. */
        NO_FSYNC
    }

    private FileStorage(Path file, FileChannel channel, Durability durability) {
        this.file = file;
        this.channel = channel;
        this.durability = durability;
    }

    public static FileStorage open(Path dir, Durability durability) {
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve("raft.journal");
            boolean created = !Files.exists(file);
            FileChannel channel = FileChannel.open(
                    file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            if (created) {
                forceDirectory(dir);
            }
            FileStorage storage = new FileStorage(file, channel, durability);
            storage.replay();
            return storage;
        } catch (IOException e) {
            throw new StorageFailedException("cannot open the journal in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void forceDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException e) {
            // Some file systems cannot open a directory; the journal's own fsync still holds its contents.
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
                    throw new StorageFailedException("journal " + file + " holds an entry of unknown kind " + kind);
                }
                log.add(new LogEntry(term, index, LogEntry.Kind.values()[kind], readString(r)));
            }
            case TRUNCATE -> truncateInMemory(LogIndex.of(r.getLong()));
            default -> throw new StorageFailedException("journal " + file + " holds an unknown record type " + type);
        }
    }

    @Override
    public HardState hardState() {
        return hard;
    }

    @Override
    public void saveHardState(HardState state) {
        hard = state;
        byte[] vote = state.votedFor().map(NodeId::value).orElse("").getBytes(StandardCharsets.UTF_8);
        ByteBuffer r = ByteBuffer.allocate(1 + 8 + 4 + vote.length);
        r.put(HARD_STATE).putLong(state.term().value()).putInt(vote.length).put(vote);
        record(r);
    }

    @Override
    public LogIndex lastIndex() {
        return LogIndex.of(log.size());
    }

    @Override
    public Term termAt(LogIndex index) {
        return index.value() == 0 ? Term.ZERO : entry(index).term();
    }

    @Override
    public LogEntry entry(LogIndex index) {
        if (index.value() < 1 || index.value() > log.size()) {
            throw new IndexOutOfBoundsException("no entry " + index + " in a log of " + log.size());
        }
        return log.get((int) index.value() - 1);
    }

    @Override
    public List<LogEntry> entries(LogIndex from, int max) {
        int start = (int) from.value() - 1;
        int end = Math.min(log.size(), start + max);
        return start >= end ? List.of() : List.copyOf(log.subList(start, end));
    }

    @Override
    public void append(LogEntry entry) {
        if (entry.index().value() != log.size() + 1) {
            throw new IllegalArgumentException(
                    "entries are appended in order: expected index " + (log.size() + 1) + ", got " + entry.index());
        }
        log.add(entry);
        byte[] data = entry.data().getBytes(StandardCharsets.UTF_8);
        ByteBuffer r = ByteBuffer.allocate(1 + 8 + 8 + 1 + 4 + data.length);
        r.put(APPEND)
                .putLong(entry.term().value())
                .putLong(entry.index().value())
                .put((byte) entry.kind().ordinal())
                .putInt(data.length)
                .put(data);
        record(r);
    }

    @Override
    public void truncateFrom(LogIndex index) {
        truncateInMemory(index);
        ByteBuffer r = ByteBuffer.allocate(1 + 8);
        r.put(TRUNCATE).putLong(index.value());
        record(r);
    }

    private void truncateInMemory(LogIndex index) {
        int keep = (int) Math.max(0, index.value() - 1);
        while (log.size() > keep) {
            log.removeLast();
        }
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
        boolean due = System.nanoTime() - lastWriteNanos > 1_000_000_000L || pending.position() > (1 << 20);
        if (durability == Durability.NO_FSYNC && !due) {
            return;
        }
        try {
            pending.flip();
            while (pending.hasRemaining()) {
                channel.write(pending);
            }
            pending.clear();
            lastWriteNanos = System.nanoTime();
            if (durability == Durability.FSYNC) {
                channel.force(false);
                syncs++;
            }
        } catch (IOException e) {
            throw new StorageFailedException("cannot write the journal " + file + ": " + e.getMessage(), e);
        }
    }

    /** How many times the journal was forced to the device. */
    public long syncCount() {
        return syncs;
    }

    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new StorageFailedException("cannot close the journal " + file + ": " + e.getMessage(), e);
        }
    }

    private static String readString(ByteBuffer r) {
        byte[] bytes = new byte[r.getInt()];
        r.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
