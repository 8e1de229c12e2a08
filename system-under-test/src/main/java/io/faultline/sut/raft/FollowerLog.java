package io.faultline.sut.raft;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Message.AppendEntries;
import java.util.function.Consumer;

/**
 * A follower's side of log replication: checks an AppendEntries against the local log (Raft's consistency check)
 * and makes the log match the leader's, never touching a committed entry.
 */
final class FollowerLog {

    /** What became of an AppendEntries. */
    sealed interface Result {}

    /** The log now matches the leader's up to {@code matched}. */
    record Accepted(LogIndex matched) implements Result {}

    /** The log does not hold the leader's previous entry; the leader should retry from {@code retryFrom}. */
    record Rejected(LogIndex retryFrom) implements Result {}

    private final NodeId self;
    private final Storage storage;
    private final Membership membership;
    private final Consumer<LogIndex> truncated;

    FollowerLog(NodeId self, Storage storage, Membership membership, Consumer<LogIndex> truncated) {
        this.self = self;
        this.storage = storage;
        this.membership = membership;
        this.truncated = truncated;
    }

    /** Appends an entry to the log and notes a configuration. */
    void append(LogEntry entry) {
        storage.append(entry);
        membership.appended(entry);
    }

    Result accept(AppendEntries m, LogIndex commitIndex) {
        LogIndex last = storage.lastIndex();
        if (m.prevIndex().isAfter(last)) {
            return new Rejected(last.next());
        }
        LogIndex snapshotAt = snapshotIndex();
        if (!m.prevIndex().isBefore(snapshotAt)
                && !storage.termAt(m.prevIndex()).equals(m.prevTerm())) {
            return new Rejected(firstIndexOfTerm(m.prevIndex(), commitIndex));
        }
        for (LogEntry entry : m.entries()) {
            if (!entry.index().isAfter(snapshotAt)) {
                continue; // in the snapshot, hence committed, hence the same as the leader's
            }
            if (!entry.index().isAfter(storage.lastIndex())) {
                if (storage.termAt(entry.index()).equals(entry.term())) {
                    continue;
                }
                if (!entry.index().isAfter(commitIndex)) {
                    throw new IllegalStateException("leader " + m.from() + " would overwrite committed entry "
                            + entry.index() + " of " + self + ": committed entries must never change");
                }
                storage.truncateFrom(entry.index());
                membership.truncatedFrom(entry.index());
                truncated.accept(entry.index());
            }
            append(entry);
        }
        return new Accepted(m.prevIndex().plus(m.entries().size()));
    }

    /** Replaces the log up to the snapshot's index, unless the commit index is already there. */
    boolean install(Snapshot snapshot, LogIndex commitIndex) {
        if (!snapshot.index().isAfter(commitIndex)) {
            return false;
        }
        storage.installSnapshot(snapshot);
        membership.reload(storage);
        return true;
    }

    LogIndex snapshotIndex() {
        return storage.snapshot().map(Snapshot::index).orElse(LogIndex.ZERO);
    }

    /** The first index of the term of the entry at {@code index}, but never at or below the commit index. */
    private LogIndex firstIndexOfTerm(LogIndex index, LogIndex commitIndex) {
        Term conflicting = storage.termAt(index);
        LogIndex i = index;
        while (i.isAfter(commitIndex.next()) && storage.termAt(i.previous()).equals(conflicting)) {
            i = i.previous();
        }
        return LogIndex.max(i, commitIndex.next());
    }
}
