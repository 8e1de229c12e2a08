package io.faultline.sut.server;

import io.faultline.sut.raft.HardState;
import io.faultline.sut.raft.LogEntry;
import io.faultline.sut.raft.LogIndex;
import io.faultline.sut.raft.MemoryStorage;
import io.faultline.sut.raft.Snapshot;
import io.faultline.sut.raft.Storage;
import io.faultline.sut.raft.Term;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory storage for tests of the driver that counts the syncs that had writes to make durable, and can hold
 * such a sync (and so the Raft thread inside it) until the test lets it go.
 */
final class GatedStorage implements Storage {

    private final MemoryStorage inner = MemoryStorage.empty();
    private final AtomicInteger syncsWithWrites = new AtomicInteger();
    private final Semaphore passes = new Semaphore(0);
    private volatile boolean gated;
    private volatile boolean holding;
    private boolean dirty;

    /** How many syncs found writes to make durable. */
    int syncsWithWrites() {
        return syncsWithWrites.get();
    }

    /** From now on every sync with writes waits for a {@link #release()}. */
    void gate() {
        gated = true;
    }

    /** Lets one held (or the next) sync through. */
    void release() {
        passes.release();
    }

    /** Stops holding syncs, and lets a held one through. */
    void open() {
        gated = false;
        passes.release(1000);
    }

    /** Whether a sync is being held now. */
    boolean holding() {
        return holding;
    }

    @Override
    public void sync() {
        if (!dirty) {
            inner.sync();
            return;
        }
        syncsWithWrites.incrementAndGet();
        if (gated) {
            holding = true;
            passes.acquireUninterruptibly();
            holding = false;
        }
        dirty = false;
        inner.sync();
    }

    @Override
    public HardState hardState() {
        return inner.hardState();
    }

    @Override
    public void saveHardState(HardState state) {
        dirty = true;
        inner.saveHardState(state);
    }

    @Override
    public LogIndex lastIndex() {
        return inner.lastIndex();
    }

    @Override
    public Optional<Snapshot> snapshot() {
        return inner.snapshot();
    }

    @Override
    public Term termAt(LogIndex index) {
        return inner.termAt(index);
    }

    @Override
    public LogEntry entry(LogIndex index) {
        return inner.entry(index);
    }

    @Override
    public List<LogEntry> entries(LogIndex from, int max) {
        return inner.entries(from, max);
    }

    @Override
    public void append(LogEntry entry) {
        dirty = true;
        inner.append(entry);
    }

    @Override
    public void truncateFrom(LogIndex index) {
        dirty = true;
        inner.truncateFrom(index);
    }

    @Override
    public void installSnapshot(Snapshot snapshot) {
        inner.installSnapshot(snapshot);
    }
}
