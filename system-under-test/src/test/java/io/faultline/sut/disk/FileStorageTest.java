package io.faultline.sut.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.sut.node.NodeId;
import io.faultline.sut.raft.Configuration;
import io.faultline.sut.raft.HardState;
import io.faultline.sut.raft.LogEntry;
import io.faultline.sut.raft.LogIndex;
import io.faultline.sut.raft.Snapshot;
import io.faultline.sut.raft.Term;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageTest {

    @TempDir
    Path dir;

    private static LogEntry entry(long term, long index, String command) {
        return command.isEmpty()
                ? LogEntry.noop(new Term(term), LogIndex.of(index))
                : LogEntry.command(new Term(term), LogIndex.of(index), command);
    }

    @Test
    void a_reopened_journal_holds_the_synced_term_vote_and_log_with_truncations_replayed() {
        FileStorage storage = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        storage.saveHardState(new HardState(new Term(3), Optional.of(NodeId.of("n2"))));
        storage.append(entry(1, 1, ""));
        storage.append(entry(1, 2, "{\"op\":\"write\"}"));
        storage.append(entry(2, 3, "lost"));
        storage.truncateFrom(LogIndex.of(3));
        storage.append(entry(3, 3, "kept ✓"));
        storage.sync();
        storage.close();

        FileStorage reopened = FileStorage.open(dir, FileStorage.Durability.FSYNC);

        assertThat(reopened.hardState())
                .as("term and vote")
                .isEqualTo(new HardState(new Term(3), Optional.of(NodeId.of("n2"))));
        assertThat(reopened.entries(LogIndex.of(1), 10))
                .as("the log after replaying the truncation")
                .containsExactly(entry(1, 1, ""), entry(1, 2, "{\"op\":\"write\"}"), entry(3, 3, "kept ✓"));
    }

    @Test
    void writes_not_synced_are_not_on_disk() {
        FileStorage storage = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        storage.append(entry(1, 1, "synced"));
        storage.sync();
        storage.append(entry(1, 2, "buffered only"));
        storage.close();

        assertThat(FileStorage.open(dir, FileStorage.Durability.FSYNC).lastIndex())
                .as("only the synced entry survives")
                .isEqualTo(LogIndex.of(1));
    }

    @Test
    void a_torn_record_at_the_end_is_cut_off_and_the_journal_stays_appendable() throws IOException {
        FileStorage storage = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        storage.append(entry(1, 1, "whole"));
        storage.append(entry(1, 2, "torn by a crash"));
        storage.sync();
        storage.close();
        Path journal = dir.resolve("raft.journal");
        try (FileChannel c = FileChannel.open(journal, StandardOpenOption.WRITE)) {
            c.truncate(Files.size(journal) - 3);
        }

        FileStorage recovered = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        recovered.append(entry(2, 2, "after recovery"));
        recovered.sync();
        recovered.close();

        assertThat(FileStorage.open(dir, FileStorage.Durability.FSYNC).entries(LogIndex.of(1), 10))
                .as("the torn entry is gone, the later append is readable")
                .containsExactly(entry(1, 1, "whole"), entry(2, 2, "after recovery"));
    }

    @Test
    void the_journal_is_grown_ahead_of_its_records_so_that_a_sync_does_not_change_its_size() throws IOException {
        FileStorage storage = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        Path journal = dir.resolve("raft.journal");
        storage.append(entry(1, 1, "first"));
        storage.sync();
        long grown = Files.size(journal);
        for (long i = 2; i <= 50; i++) {
            storage.append(entry(1, i, "entry " + i));
            storage.sync();
        }

        assertThat(grown).as("size after the first sync").isGreaterThanOrEqualTo(FileStorage.PREALLOCATE);
        assertThat(Files.size(journal)).as("size after 49 more syncs").isEqualTo(grown);
        storage.close();
        assertThat(Files.size(journal))
                .as("close trims the zeros after the last record")
                .isLessThan(grown);
    }

    @Test
    void a_journal_left_preallocated_by_a_crash_replays_its_records_and_stays_appendable() throws IOException {
        FileStorage crashed = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        crashed.append(entry(1, 1, "a"));
        crashed.append(entry(1, 2, "b"));
        crashed.sync();
        Path journal = dir.resolve("raft.journal");
        byte[] atCrash = Files.readAllBytes(journal);
        crashed.close();
        Files.write(journal, atCrash); // as a kill -9 leaves it: the zeros after the records stay
        assertThat(atCrash.length).as("zeros follow the records").isGreaterThanOrEqualTo(FileStorage.PREALLOCATE);

        FileStorage recovered = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        recovered.append(entry(1, 3, "c"));
        recovered.sync();
        recovered.close();

        assertThat(FileStorage.open(dir, FileStorage.Durability.FSYNC).entries(LogIndex.of(1), 10))
                .as("the records before the zeros and the one appended after recovery")
                .containsExactly(entry(1, 1, "a"), entry(1, 2, "b"), entry(1, 3, "c"));
    }

    @Test
    void a_record_torn_before_the_preallocated_zeros_is_cut_off() throws IOException {
        FileStorage storage = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        storage.append(entry(1, 1, "whole"));
        storage.append(entry(1, 2, "torn by a crash"));
        storage.sync();
        Path journal = dir.resolve("raft.journal");
        byte[] bytes = Files.readAllBytes(journal);
        int last = bytes.length - 1;
        while (bytes[last] == 0) {
            last--;
        }
        bytes[last] = 0; // the last bytes of the last record never reached the disk
        bytes[last - 1] = 0;
        Files.write(journal, bytes);

        assertThat(FileStorage.open(dir, FileStorage.Durability.FSYNC).entries(LogIndex.of(1), 10))
                .as("only the whole record survives")
                .containsExactly(entry(1, 1, "whole"));
        storage.close();
    }

    private static Snapshot snapshotAt(long index, long term) {
        return new Snapshot(
                LogIndex.of(index),
                new Term(term),
                Configuration.of(Map.of(NodeId.of("n1"), "h:1", NodeId.of("n2"), "")),
                "{\"state\":" + index + "}");
    }

    @Test
    void compaction_keeps_the_later_entries_and_survives_a_reopen() {
        FileStorage storage = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        for (long i = 1; i <= 5; i++) {
            storage.append(entry(1, i, "c" + i));
        }
        storage.saveHardState(new HardState(new Term(1), Optional.empty()));
        storage.sync();

        storage.installSnapshot(snapshotAt(3, 1));
        storage.append(entry(1, 6, "c6"));
        storage.sync();
        storage.close();
        FileStorage reopened = FileStorage.open(dir, FileStorage.Durability.FSYNC);

        assertThat(reopened.snapshot()).as("the snapshot").contains(snapshotAt(3, 1));
        assertThat(reopened.termAt(LogIndex.of(3)))
                .as("the term at the snapshot's index")
                .isEqualTo(new Term(1));
        assertThat(reopened.entries(LogIndex.of(4), 10))
                .as("the entries after the snapshot")
                .containsExactly(entry(1, 4, "c4"), entry(1, 5, "c5"), entry(1, 6, "c6"));
        assertThat(reopened.hardState().term()).as("the hard state").isEqualTo(new Term(1));
    }

    @Test
    void a_snapshot_that_disagrees_with_the_log_replaces_all_of_it() {
        FileStorage storage = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        storage.append(entry(1, 1, "old"));
        storage.append(entry(1, 2, "old"));
        storage.sync();

        storage.installSnapshot(snapshotAt(2, 4));

        assertThat(storage.lastIndex()).as("nothing after the snapshot").isEqualTo(LogIndex.of(2));
        assertThat(storage.termAt(LogIndex.of(2))).as("the snapshot's term").isEqualTo(new Term(4));
    }

    @Test
    void a_crash_between_the_snapshot_and_the_journal_rewrite_keeps_only_the_entries_after_the_snapshot()
            throws IOException {
        FileStorage storage = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        for (long i = 1; i <= 4; i++) {
            storage.append(entry(2, i, "c" + i));
        }
        storage.sync();
        storage.close();
        Path journal = dir.resolve("raft.journal");
        byte[] oldJournal = Files.readAllBytes(journal);
        FileStorage again = FileStorage.open(dir, FileStorage.Durability.FSYNC);
        again.installSnapshot(snapshotAt(2, 2));
        again.close();
        Files.write(journal, oldJournal); // as if the crash hit before the journal was replaced

        FileStorage recovered = FileStorage.open(dir, FileStorage.Durability.FSYNC);

        assertThat(recovered.entries(LogIndex.of(3), 10))
                .as("entries after the snapshot, from the old journal")
                .containsExactly(entry(2, 3, "c3"), entry(2, 4, "c4"));
    }
}
