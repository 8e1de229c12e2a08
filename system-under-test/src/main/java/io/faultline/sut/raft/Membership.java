package io.faultline.sut.raft;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The configurations in a node's log, newest last: the one in force is the latest, committed or not (Raft's
 * single-server changes), and truncating the log brings back the one before.
 */
final class Membership {

    private record Change(LogIndex index, Configuration configuration) {}

    private final Configuration initial;
    private final Deque<Change> changes = new ArrayDeque<>();

    Membership(Configuration initial, Storage storage) {
        this.initial = initial;
        for (long i = 1; i <= storage.lastIndex().value(); i++) {
            appended(storage.entry(LogIndex.of(i)));
        }
    }

    void appended(LogEntry entry) {
        if (entry.kind() == LogEntry.Kind.CONFIG) {
            changes.addLast(new Change(entry.index(), entry.configuration()));
        }
    }

    /** Entries from {@code index} on were removed. */
    void truncatedFrom(LogIndex index) {
        while (!changes.isEmpty() && !changes.peekLast().index().isBefore(index)) {
            changes.removeLast();
        }
    }

    Configuration current() {
        return changes.isEmpty() ? initial : changes.peekLast().configuration();
    }

    /** The index of the latest configuration entry, or zero if the initial one is in force. */
    LogIndex currentIndex() {
        return changes.isEmpty() ? LogIndex.ZERO : changes.peekLast().index();
    }
}
