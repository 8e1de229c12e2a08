package io.faultline.sut.disk;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.QuorumReady.Persist;
import io.faultline.sut.quorum.Version;
import io.faultline.sut.quorum.Versioned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReplicaJournalTest {

    private static final NodeId N1 = NodeId.of("n1");

    @TempDir
    Path dir;

    private static Persist put(String key, long counter, long value) {
        return new Persist(key, new Versioned(new Version(counter, N1), JsonValue.of(value)));
    }

    @Test
    void a_reopened_journal_holds_the_newest_synced_value_of_each_key() {
        ReplicaJournal journal = ReplicaJournal.open(dir);
        journal.append(put("a", 1, 10));
        journal.append(put("b", 1, 20));
        journal.append(put("a", 2, 11));
        journal.sync();
        journal.append(put("b", 2, 21)); // never synced: a crash loses it, and it was never acknowledged

        Map<String, Versioned> recovered = ReplicaJournal.open(dir).state();

        assertThat(recovered.get("a").value()).isEqualTo(JsonValue.of(11));
        assertThat(recovered.get("b").value()).isEqualTo(JsonValue.of(20));
    }

    @Test
    void a_torn_last_record_is_cut_and_the_rest_recovered() throws IOException {
        ReplicaJournal journal = ReplicaJournal.open(dir);
        journal.append(put("a", 1, 10));
        journal.sync();
        journal.close();
        Path file = dir.resolve(ReplicaJournal.JOURNAL);
        Files.write(file, new byte[] {0, 0, 0, 40, 1, 2, 3}, StandardOpenOption.APPEND);

        Map<String, Versioned> recovered = ReplicaJournal.open(dir).state();

        assertThat(recovered).containsOnlyKeys("a");
        assertThat(recovered.get("a").version()).isEqualTo(new Version(1, N1));
    }

    @Test
    void a_journal_of_many_overwrites_is_rewritten_with_one_record_per_key() throws IOException {
        ReplicaJournal journal = ReplicaJournal.open(dir);
        for (long i = 1; i <= 20_000; i++) {
            journal.append(put("k" + (i % 3), i, i));
            if (i % 1000 == 0) {
                journal.sync();
            }
        }
        journal.sync();
        journal.close();

        // Each record here is 37 bytes framed; a journal never compacted would hold all 20,000 of them.
        assertThat(Files.size(dir.resolve(ReplicaJournal.JOURNAL)))
                .as("compacted once past 10,000 records")
                .isLessThan(20_000L * 37 / 2);
        assertThat(ReplicaJournal.open(dir).state().get("k2").value()).isEqualTo(JsonValue.of(20_000));
    }

    @Test
    void every_start_gets_an_incarnation_above_the_last_ones() {
        assertThat(ReplicaJournal.open(dir).nextIncarnation()).isZero();
        assertThat(ReplicaJournal.open(dir).nextIncarnation()).isEqualTo(1);
        assertThat(ReplicaJournal.open(dir).nextIncarnation()).isEqualTo(2);
    }
}
