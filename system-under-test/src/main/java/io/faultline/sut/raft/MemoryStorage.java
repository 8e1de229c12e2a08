package io.faultline.sut.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * Storage in memory that remembers what was synced, so that a simulated crash loses exactly the writes made since
 * the last {@link #sync()}: {@link #afterCrash()} is what a restarted node finds on its "disk".
 */
public final class MemoryStorage implements Storage {

    private final List<LogEntry> log;
    private HardState hard;
    private final List<LogEntry> durableLog;
    private HardState durableHard;
    private long dirtyFrom = Long.MAX_VALUE;
    private final boolean honourSync;

    private MemoryStorage(HardState hard, List<LogEntry> log, boolean honourSync) {
        this.hard = hard;
        this.log = new ArrayList<>(log);
        this.durableHard = hard;
        this.durableLog = new ArrayList<>(log);
        this.honourSync = honourSync;
    }

    public static MemoryStorage empty() {
        return new MemoryStorage(HardState.INITIAL, List.of(), true);
    }

    /** Storage whose {@link #sync()} does nothing: only {@link #flush()} makes writes durable (a known bug). */
    public static MemoryStorage ignoringSync() {
        return new MemoryStorage(HardState.INITIAL, List.of(), false);
    }

    /** What survives a crash: the state as of the last durable write. */
    public MemoryStorage afterCrash() {
        return new MemoryStorage(durableHard, durableLog, honourSync);
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
        dirtyFrom = Math.min(dirtyFrom, entry.index().value());
    }

    @Override
    public void truncateFrom(LogIndex index) {
        int keep = (int) index.value() - 1;
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
            int keep = (int) Math.min(dirtyFrom - 1, durableLog.size());
            while (durableLog.size() > keep) {
                durableLog.removeLast();
            }
            durableLog.addAll(log.subList(Math.min(keep, log.size()), log.size()));
            dirtyFrom = Long.MAX_VALUE;
        }
    }

    /** A copy of the whole log, for checks. */
    public List<LogEntry> snapshotOfLog() {
        return List.copyOf(log);
    }
}
