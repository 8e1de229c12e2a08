package io.faultline.checkers.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.PairedHistory;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.model.Models;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Histories written by Jepsen and Knossos, checked with Jepsen's meaning, against the verdicts Knossos's own tests
 * assert. The files are under {@code src/test/resources/jepsen/knossos/} (see the README there: Knossos commit
 * fa5ea161 and later, EPL-1.0). The verdicts come from {@code test/knossos/core_test.clj}, {@code test-examples}:
 * every file of {@code data/cas-register/good} is valid and every file of {@code data/cas-register/bad} invalid with
 * the model {@code (cas-register 0)}; every file of {@code data/multi-register/good} is valid with {@code
 * (multi-register {:x 0 :y 0})}. Knossos's {@code competition_test}, {@code linear_test} and {@code wgl_test} run
 * {@code test-examples} with each of its checkers. {@code memstress3-3.edn} (one key of a Jepsen run, read nil and
 * failed cas before the first write) is the one whose verdict depends on the semantics: valid with Jepsen's, invalid
 * with Porcupine's; the other four get the same verdict under both.
 */
class JepsenGoldenHistoriesTest {

    /**
     * One golden history.
     *
     * @param file under {@code jepsen/knossos/}
     * @param model our model's name
     * @param initial the initial value Knossos's test gives the model
     * @param verdict what Knossos's test asserts
     */
    record Golden(String file, String model, @Nullable Object initial, Verdict verdict) {
        @Override
        public String toString() {
            return file + " " + verdict.label();
        }
    }

    static Stream<Golden> knossos() {
        Map<String, Object> xy = Map.of("x", 0L, "y", 0L);
        return Stream.of(
                new Golden("cas-register/good/cas-register-bug.edn", "cas-register", 0L, Verdict.VALID),
                new Golden("cas-register/good/memstress3-3.edn", "cas-register", 0L, Verdict.VALID),
                new Golden("cas-register/bad/bad-analysis.edn", "cas-register", 0L, Verdict.INVALID),
                new Golden("cas-register/bad/immediate-failure.edn", "cas-register", 0L, Verdict.INVALID),
                new Golden("cas-register/bad/rethink-fail-minimal.edn", "cas-register", 0L, Verdict.INVALID),
                new Golden("multi-register/good/multi-register.edn", "multi-register", xy, Verdict.VALID));
    }

    static Path resource(String file) {
        try {
            return Path.of(
                    Objects.requireNonNull(JepsenGoldenHistoriesTest.class.getResource("/jepsen/knossos/" + file), file)
                            .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LinearizabilityResult check(Golden g, Semantics semantics) {
        PairedHistory h = Histories.load(resource(g.file()), null, false).history();
        return LinearizabilityChecker.check(
                Models.byName(g.model(), g.initial(), semantics),
                h.operations(),
                LinearizabilityChecker.Options.defaults().withTimeout(Duration.ofMinutes(1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("knossos")
    void each_knossos_history_gets_the_verdict_knossos_asserts(Golden g) {
        assertThat(Histories.detect(resource(g.file())))
                .as("read as EDN, which means Jepsen's semantics")
                .isEqualTo(HistoryFormat.EDN);
        assertThat(HistoryFormat.EDN.semantics()).as("EDN's semantics").isEqualTo(Semantics.JEPSEN);
        assertThat(check(g, Semantics.JEPSEN).verdict()).as(g.file()).isEqualTo(g.verdict());
    }

    @Test
    void the_multi_register_history_is_read_in_file_order_though_its_times_go_backwards() {
        // Its first invocations are timed 7686455705, 7686334122, ...: the clocks of several client threads.
        PairedHistory h = Histories.load(resource("multi-register/good/multi-register.edn"), null, false)
                .history();
        assertThat(h.warnings()).as("times that go backwards are warnings").isNotEmpty();
        assertThat(h.warnings().getFirst()).as("first warning").startsWith("line 3:");
        assertThat(h.nemesisOps())
                .as("the nemesis's four info ops are set aside")
                .isEqualTo(4);
        assertThat(h.operations())
                .as("123 client invocations, each an operation")
                .hasSize(123);
    }

    @Test
    void the_multi_register_history_needs_its_per_key_initial_values() {
        // Its first reads see x = 0 and y = 0 before any write of them completes; with nil initial values it fails.
        Golden g = new Golden("multi-register/good/multi-register.edn", "multi-register", null, Verdict.INVALID);
        assertThat(check(g, Semantics.JEPSEN).verdict()).as("initial nil").isEqualTo(Verdict.INVALID);
    }

    @Test
    void memstress3_3_discriminates_jepsen_semantics_from_porcupine() {
        // A Jepsen run on a key that starts absent, checked by Knossos's test-examples with (cas-register 0): its first
        // ops are ok reads of nil and failed cas from 3 and 4 before any write. Knossos reads a nil read as learning
        // nothing and drops failed ops, so the history is linearizable. With Porcupine's meaning the first ok read of
        // nil contradicts the register's 0, so the same file is not.
        Golden g = knossos()
                .filter(x -> x.file().contains("memstress3-3"))
                .findFirst()
                .orElseThrow();
        assertThat(check(g, Semantics.JEPSEN).verdict()).as("jepsen semantics").isEqualTo(Verdict.VALID);
        LinearizabilityResult porcupine = check(g, Semantics.PORCUPINE);
        assertThat(porcupine.verdict()).as("porcupine semantics").isEqualTo(Verdict.INVALID);
        Operation failing = Objects.requireNonNull(porcupine.counterexample()).failing();
        assertThat(failing.where())
                .as("the first ok read of nil (lines 1-2) fails")
                .isEqualTo("lines 1-2");
        assertThat(failing.f()).as("f").isEqualTo("read");
        assertThat(failing.output()).as("it read nil").isNull();
    }

    @Test
    void the_failed_write_of_immediate_failure_did_not_happen_under_either_semantics() {
        Golden g = knossos()
                .filter(x -> x.file().contains("immediate"))
                .findFirst()
                .orElseThrow();
        assertThat(check(g, Semantics.PORCUPINE).verdict())
                .as("a failed write is dropped by both")
                .isEqualTo(Verdict.INVALID);
    }
}
