package io.faultline.sut.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Storage in memory that remembers what was synced, so that a simulated crash loses exactly the writes made since
 * the last {@link #sync()}: {@link #afterCrash()} is what a restarted node finds on its "disk".
 */
public final class MemoryStorage implements Storage {

    private final boolean honourSync;
    private HardState hard;
    private Optional<Snapshot> snapshot;
    private long offset;
    private final List<LogEntry> log;

    private HardState durableHard;
    private Optional<Snapshot> durableSnapshot;
    private final List<LogEntry> durableLog;
    private long dirtyFrom = Long.MAX_VALUE;

    private MemoryStorage(HardState hard, Optional<Snapshot> snapshot, List<LogEntry> log, boolean honourSync) {
        this.honourSync = honourSync;
        this.hard = hard;
        this.snapshot = snapshot;
        this.offset = snapshot.map(s -> s.index().value()).orElse(0L);
        this.log = new ArrayList<>(log);
        this.durableHard = hard;
        this.durableSnapshot = snapshot;
        this.durableLog = new ArrayList<>(log);
    }

    public static MemoryStorage empty() {
        return new MemoryStorage(HardState.INITIAL, Optional.empty(), List.of(), true);
    }

    /** Storage whose {@link #sync()} does nothing: only {@link #flush()} makes writes durable (a known bug). */
    public static MemoryStorage ignoringSync() {
        return new MemoryStorage(HardState.INITIAL, Optional.empty(), List.of(), false);
    }

    /** What survives a crash: the state as of the last durable write. */
    public MemoryStorage afterCrash() {
        return new MemoryStorage(durableHard, durableSnapshot, durableLog, honourSync);
    }

    @Override
    public HardState hardState() {
        return hard;
    }

    @Override
    public void saveHardState(HardState state) {
        hard = state;
    }

    @Override
    public LogIndex lastIndex() {
        return LogIndex.of(offset + log.size());
    }

    @Override
    public Optional<Snapshot> snapshot() {
        return snapshot;
    }

    @Override
    public Term termAt(LogIndex index) {
        if (index.value() == 0) {
            return Term.ZERO;
        }
        if (index.value() == offset) {
            return snapshot.orElseThrow().term();
        }
        return entry(index).term();
    }

    @Override
    public LogEntry entry(LogIndex index) {
        if (index.value() <= offset || index.value() > offset + log.size()) {
            throw new IndexOutOfBoundsException(
                    "no entry " + index + " in a log holding (" + offset + ", " + (offset + log.size()) + "]");
        }
        return log.get((int) (index.value() - offset - 1));
    }

    @Override
    public List<LogEntry> entries(LogIndex from, int max) {
        if (from.value() <= offset) {
            throw new IndexOutOfBoundsException("entries up to " + offset + " are compacted; asked from " + from);
        }
        int start = (int) (from.value() - offset - 1);
        int end = Math.min(log.size(), start + max);
        return start >= end ? List.of() : List.copyOf(log.subList(start, end));
    }

    @Override
    public void append(LogEntry entry) {
        if (entry.index().value() != offset + log.size() + 1) {
            throw new IllegalArgumentException("entries are appended in order: expected index "
                    + (offset + log.size() + 1) + ", got " + entry.index());
        }
        log.add(entry);
        dirtyFrom = Math.min(dirtyFrom, entry.index().value());
    }

    @Override
    public void truncateFrom(LogIndex index) {
        if (index.value() <= offset) {
            throw new IllegalArgumentException(
                    "cannot truncate at " + index + ": entries up to " + offset + " are in the snapshot");
        }
        int keep = (int) (index.value() - offset - 1);
        while (log.size() > keep) {
            log.removeLast();
        }
        dirtyFrom = Math.min(dirtyFrom, index.value());
    }

    @Override
    public void sync() {
        if (honourSync) {
            flush();
        }
    }

    /** Makes every write durable, whatever {@link #sync()} does. */
    public void flush() {
        durableHard = hard;
        if (dirtyFrom != Long.MAX_VALUE) {
            int keep = (int) Math.max(0, Math.min(dirtyFrom - 1 - offset, durableLog.size()));
            while (durableLog.size() > keep) {
                durableLog.removeLast();
            }
            durableLog.addAll(log.subList(Math.min(keep, log.size()), log.size()));
            dirtyFrom = Long.MAX_VALUE;
        }
    }

    @Override
    public void installSnapshot(Snapshot s) {
        if (s.index().value() <= offset) {
            return;
        }
        boolean keepSuffix =
                s.index().value() <= offset + log.size() && termAt(s.index()).equals(s.term());
        if (keepSuffix) {
            log.subList(0, (int) (s.index().value() - offset)).clear();
        } else {
            log.clear();
        }
        offset = s.index().value();
        snapshot = Optional.of(s);
        durableHard = hard;
        durableSnapshot = snapshot;
        durableLog.clear();
        durableLog.addAll(log);
        dirtyFrom = Long.MAX_VALUE;
    }

    /** The entries after the snapshot, for checks. */
    public List<LogEntry> snapshotOfLog() {
        return List.copyOf(log);
    }
}
