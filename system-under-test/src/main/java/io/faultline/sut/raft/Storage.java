package io.faultline.sut.raft;

import java.util.List;

/**
 * Where a node keeps its term, vote and log. Writes may be buffered; only {@link #sync()} makes them durable, and
 * a node must not tell anyone about a write (vote, acknowledgement, client answer) before the next sync.
 * Implementations fail with {@link StorageFailedException} and the node must then stop.
 */
public interface Storage {

    HardState hardState();

    void saveHardState(HardState state);

    /** The index of the last entry, {@link LogIndex#ZERO} when the log is empty. */
    LogIndex lastIndex();

    /** The term of the entry at {@code index}; {@link Term#ZERO} for index 0. */
    Term termAt(LogIndex index);

    LogEntry entry(LogIndex index);

    /** Up to {@code max} entries starting at {@code from}, fewer at the end of the log. */
    List<LogEntry> entries(LogIndex from, int max);

    /** Appends one entry, whose index must be {@code lastIndex() + 1}. */
    void append(LogEntry entry);

    /** Removes the entry at {@code index} and every later one. */
    void truncateFrom(LogIndex index);

    /** Makes every earlier write durable. */
    void sync();
}
