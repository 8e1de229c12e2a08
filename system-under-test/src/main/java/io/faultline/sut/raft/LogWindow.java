package io.faultline.sut.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The part of a log a storage keeps in memory: the latest snapshot and the entries after it, addressed by log
 * index. Both storages ({@link MemoryStorage}, the file journal) hold their log in one of these.
 */
public final class LogWindow {

    private long offset;
    private Optional<Snapshot> snapshot;
    private final List<LogEntry> log;

    /** A window whose entries follow index {@code offset} (the snapshot's index, or 0 without a snapshot). */
    public LogWindow(long offset, Optional<Snapshot> snapshot, List<LogEntry> entries) {
        this.offset = offset;
        this.snapshot = snapshot;
        this.log = new ArrayList<>(entries);
    }

    /** The index the entries follow: the snapshot's, or 0. */
    public long offset() {
        return offset;
    }

    public Optional<Snapshot> snapshot() {
        return snapshot;
    }

    /** The entries themselves, in order; the storage that owns this window may read and copy them. */
    public List<LogEntry> list() {
        return log;
    }

    public LogIndex lastIndex() {
        return LogIndex.of(offset + log.size());
    }

    /** See {@link Storage#termAt}. */
    public Term termAt(LogIndex index) {
        if (index.value() == 0) {
            return Term.ZERO;
        }
        if (index.value() == offset) {
            return snapshot.orElseThrow().term();
        }
        return entry(index).term();
    }

    public LogEntry entry(LogIndex index) {
        if (index.value() <= offset || index.value() > offset + log.size()) {
            throw new IndexOutOfBoundsException(
                    "no entry " + index + " in a log holding (" + offset + ", " + (offset + log.size()) + "]");
        }
        return log.get((int) (index.value() - offset - 1));
    }

    public List<LogEntry> entries(LogIndex from, int max) {
        if (from.value() <= offset) {
            throw new IndexOutOfBoundsException("entries up to " + offset + " are compacted; asked from " + from);
        }
        int start = (int) (from.value() - offset - 1);
        int end = Math.min(log.size(), start + max);
        return start >= end ? List.of() : List.copyOf(log.subList(start, end));
    }

    /** Appends an entry whose index must be {@code lastIndex() + 1}. */
    public void append(LogEntry entry) {
        if (entry.index().value() != offset + log.size() + 1) {
            throw new IllegalArgumentException("entries are appended in order: expected index "
                    + (offset + log.size() + 1) + ", got " + entry.index());
        }
        log.add(entry);
    }

    /** Removes the entry at {@code index} and every later one; entries in the snapshot cannot be removed. */
    public void truncateFrom(LogIndex index) {
        if (index.value() <= offset) {
            throw new IllegalArgumentException(
                    "cannot truncate at " + index + ": entries up to " + offset + " are in the snapshot");
        }
        int keep = (int) (index.value() - offset - 1);
        while (log.size() > keep) {
            log.removeLast();
        }
    }

    /**
     * Puts the snapshot in place of the entries up to its index: the later entries stay if the log holds the
     * snapshot's last entry with its term, otherwise every entry goes. A snapshot older than the window changes
     * nothing; one at the window's own index is recorded as its snapshot.
     */
    public void install(Snapshot s) {
        long at = s.index().value();
        if (at < offset) {
            return;
        }
        if (at > offset) {
            boolean keepSuffix = at <= offset + log.size() && termAt(s.index()).equals(s.term());
            if (keepSuffix) {
                log.subList(0, (int) (at - offset)).clear();
            } else {
                log.clear();
            }
            offset = at;
        }
        snapshot = Optional.of(s);
    }
}
