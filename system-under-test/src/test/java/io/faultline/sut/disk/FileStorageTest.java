package io.faultline.sut.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.sut.raft.HardState;
import io.faultline.sut.raft.LogEntry;
import io.faultline.sut.raft.LogIndex;
import io.faultline.sut.raft.NodeId;
import io.faultline.sut.raft.Term;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
}
