package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * The configurations in a node's log, newest last: the one in force is the latest, committed or not (Raft's
 * single-server changes), and truncating the log brings back the one before. The snapshot's configuration, or the
 * initial one without a snapshot, is in force before any configuration entry.
 */
final class Membership {

    private record Change(LogIndex index, Configuration configuration) {}

    private final Configuration initial;
    private Configuration base;
    private final Deque<Change> changes = new ArrayDeque<>();

    Membership(Configuration initial, Storage storage) {
        this.initial = initial;
        reload(storage);
    }

    /** Reads the configurations again from the snapshot and the log (after a snapshot replaced part of it). */
    void reload(Storage storage) {
        base = storage.snapshot().map(Snapshot::configuration).orElse(initial);
        changes.clear();
        long first = storage.snapshot().map(s -> s.index().value()).orElse(0L) + 1;
        for (long i = first; i <= storage.lastIndex().value(); i++) {
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
        return changes.isEmpty() ? base : changes.peekLast().configuration();
    }

    /** The configuration in force once the log reached {@code index}. */
    Configuration at(LogIndex index) {
        Iterator<Change> newestFirst = changes.descendingIterator();
        while (newestFirst.hasNext()) {
            Change c = newestFirst.next();
            if (!c.index().isAfter(index)) {
                return c.configuration();
            }
        }
        return base;
    }

    /** Refuses a change to {@code next} unless it adds or removes one member and the last change is committed. */
    void checkChange(Configuration next, LogIndex commitIndex) throws ConfigChangeRejectedException {
        if (currentIndex().isAfter(commitIndex)) {
            throw new ConfigChangeRejectedException("the previous membership change (entry " + currentIndex()
                    + ") is not committed yet: one change at a time");
        }
        Set<NodeId> changed = new HashSet<>(next.ids());
        changed.addAll(current().ids());
        Set<NodeId> kept = new HashSet<>(next.ids());
        kept.retainAll(current().ids());
        changed.removeAll(kept);
        if (changed.size() != 1) {
            throw new ConfigChangeRejectedException("a membership change adds or removes exactly one member: from "
                    + current() + " to " + next + " changes " + changed.size());
        }
        if (next.ids().isEmpty()) {
            throw new ConfigChangeRejectedException("the last member cannot be removed");
        }
    }

    /** The index of the latest configuration entry, or zero if the base one is in force. */
    LogIndex currentIndex() {
        return changes.isEmpty() ? LogIndex.ZERO : changes.peekLast().index();
    }
}
