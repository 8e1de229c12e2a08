package io.faultline.sut.raft;

import java.util.List;
import java.util.Optional;

/**
 * Where a node keeps its term, vote and log. Writes may be buffered; only {@link #sync()} makes them durable, and
 * a node must not tell anyone about a write (vote, acknowledgement, client answer) before the next sync.
 * Implementations fail with {@link StorageFailedException} and the node must then stop.
 */
public interface Storage {

    HardState hardState();

    void saveHardState(HardState state);

    /** The index of the last entry, or of the snapshot if no entry follows it; {@link LogIndex#ZERO} if none. */
    LogIndex lastIndex();

    /** The latest snapshot, or an empty one at index 0; the log holds only the entries after it. */
    Optional<Snapshot> snapshot();

    /**
     * The term of the entry at {@code index}: {@link Term#ZERO} for index 0, the snapshot's term at the snapshot's
     * index; earlier indexes are compacted away and throw {@link IndexOutOfBoundsException}.
     */
    Term termAt(LogIndex index);

    LogEntry entry(LogIndex index);

    /** Up to {@code max} entries starting at {@code from} (after the snapshot), fewer at the end of the log. */
    List<LogEntry> entries(LogIndex from, int max);

    /** Appends one entry, whose index must be {@code lastIndex() + 1}. */
    void append(LogEntry entry);

    /** Removes the entry at {@code index} and every later one. */
    void truncateFrom(LogIndex index);

    /** Makes every earlier write durable. */
    void sync();

    /**
     * Replaces the entries up to the snapshot's index by the snapshot. If the log holds an entry at that index with
     * the snapshot's term, the later entries stay; otherwise the whole log goes. Durable when it returns (it syncs
     * earlier writes too).
     */
    void installSnapshot(Snapshot snapshot);
}
