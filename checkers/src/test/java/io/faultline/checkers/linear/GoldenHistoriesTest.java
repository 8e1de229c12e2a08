package io.faultline.checkers.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.TestData;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.history.PairedHistory;
import io.faultline.checkers.linear.model.Models;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Porcupine's own test histories, each with the verdict its test suite states (EXPECTED.txt). */
class GoldenHistoriesTest {
    static final Path DATA = TestData.of("porcupine");

    /** One row of EXPECTED.txt. */
    record Expected(String file, Verdict verdict) {
        @Override
        public String toString() {
            return file + " " + verdict.label();
        }
    }

    static List<Expected> expected() throws IOException {
        return Files.readAllLines(DATA.resolve("EXPECTED.txt")).stream()
                .filter(l -> !l.startsWith("#") && !l.isBlank())
                .map(l -> l.split("\\s+"))
                .filter(f -> f[1].equals("LINEARIZABLE") || f[1].equals("NOT_LINEARIZABLE"))
                .map(f -> new Expected(f[0], f[1].equals("LINEARIZABLE") ? Verdict.VALID : Verdict.INVALID))
                .toList();
    }

    static Stream<Expected> etcd() throws IOException {
        return expected().stream().filter(e -> e.file().startsWith("jepsen/"));
    }

    static Stream<Expected> kv() throws IOException {
        return expected().stream().filter(e -> e.file().startsWith("kv/"));
    }

    /** kv histories small enough to check as one partition in a unit test; the c50 ones are in the benchmark. */
    static Stream<Arguments> kvUnpartitioned() throws IOException {
        return kv().filter(e -> !e.file().contains("c50")).map(Arguments::of);
    }

    static LinearizabilityResult check(Expected e, String model, boolean partition) {
        PairedHistory h = Histories.load(DATA.resolve(e.file()), null, false).history();
        LinearizabilityChecker.Options options = LinearizabilityChecker.Options.defaults()
                .withTimeout(Duration.ofMinutes(2))
                .withPartition(partition);
        return LinearizabilityChecker.check(Models.byName(model, null), h.operations(), options);
    }

    @Test
    void the_test_data_is_present_with_all_its_verdicts() throws IOException {
        assertThat(DATA.resolve("EXPECTED.txt"))
                .as("Porcupine data under %s (system property faultline.testdata)", DATA)
                .isRegularFile();
        assertThat(etcd().count()).as("etcd histories with a verdict").isEqualTo(102);
        assertThat(kv().count()).as("kv histories with a verdict").isEqualTo(6);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("etcd")
    void every_etcd_history_gets_porcupines_verdict(Expected e) {
        LinearizabilityResult r = check(e, "cas-register", true);
        assertThat(r.verdict()).as("verdict on %s: %s", e.file(), r).isEqualTo(e.verdict());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kv")
    void every_kv_history_gets_porcupines_verdict_when_partitioned_by_key(Expected e) {
        LinearizabilityResult r = check(e, "kv", true);
        assertThat(r.verdict()).as("verdict on %s partitioned: %s", e.file(), r).isEqualTo(e.verdict());
        assertThat(r.partitions().size()).as("partitions of %s", e.file()).isGreaterThan(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kvUnpartitioned")
    void kv_histories_get_the_same_verdict_as_one_partition(Expected e) {
        LinearizabilityResult r = check(e, "kv", false);
        assertThat(r.verdict())
                .as("verdict on %s as one partition: %s", e.file(), r)
                .isEqualTo(e.verdict());
        assertThat(r.partitions()).as("partitions of %s", e.file()).hasSize(1);
    }
}
