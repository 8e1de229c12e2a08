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
    private final LogWindow window;

    private HardState durableHard;
    private Optional<Snapshot> durableSnapshot;
    private final List<LogEntry> durableLog;
    private long dirtyFrom = Long.MAX_VALUE;

    private MemoryStorage(HardState hard, Optional<Snapshot> snapshot, List<LogEntry> log, boolean honourSync) {
        this.honourSync = honourSync;
        this.hard = hard;
        this.window = new LogWindow(snapshot.map(s -> s.index().value()).orElse(0L), snapshot, log);
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
        dirtyFrom = Math.min(dirtyFrom, entry.index().value());
    }

    @Override
    public void truncateFrom(LogIndex index) {
        window.truncateFrom(index);
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
            List<LogEntry> log = window.list();
            int keep = (int) Math.max(0, Math.min(dirtyFrom - 1 - window.offset(), durableLog.size()));
            while (durableLog.size() > keep) {
                durableLog.removeLast();
            }
            durableLog.addAll(log.subList(Math.min(keep, log.size()), log.size()));
            dirtyFrom = Long.MAX_VALUE;
        }
    }

    @Override
    public void installSnapshot(Snapshot s) {
        if (s.index().value() <= window.offset()) {
            return;
        }
        window.install(s);
        durableHard = hard;
        durableSnapshot = window.snapshot();
        durableLog.clear();
        durableLog.addAll(window.list());
        dirtyFrom = Long.MAX_VALUE;
    }

    /** The entries after the snapshot, for checks. */
    public List<LogEntry> snapshotOfLog() {
        return List.copyOf(window.list());
    }
}
