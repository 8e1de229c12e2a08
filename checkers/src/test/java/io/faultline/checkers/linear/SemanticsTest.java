package io.faultline.checkers.linear;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.model.Models;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * What {@code fail} and nil mean to the register models under Jepsen's semantics (knossos.history/without-failures,
 * knossos.model's register, cas-register and multi-register step functions) and under Porcupine's.
 */
class SemanticsTest {

    private static Verdict check(String model, @Nullable Object initial, Semantics semantics, String... lines) {
        List<Operation> ops = InlineHistories.edn(lines);
        return LinearizabilityChecker.check(
                        Models.byName(model, initial, semantics),
                        ops,
                        LinearizabilityChecker.Options.defaults().withTimeout(Duration.ofSeconds(30)))
                .verdict();
    }

    /** The register holds 1 when a cas from 1 fails, sequentially: only a cas that returned false says otherwise. */
    private static final String[] FAILED_CAS_WHILE_IT_HOLDS_FROM = {
        "{:process 0, :type :invoke, :f :write, :value 1}",
        "{:process 0, :type :ok, :f :write, :value 1}",
        "{:process 1, :type :invoke, :f :cas, :value [1 2]}",
        "{:process 1, :type :fail, :f :cas, :value [1 2]}",
        "{:process 2, :type :invoke, :f :read, :value nil}",
        "{:process 2, :type :ok, :f :read, :value 1}"
    };

    @Test
    void a_failed_cas_did_not_happen_with_jepsen_semantics() {
        assertThat(check("cas-register", 0L, Semantics.JEPSEN, FAILED_CAS_WHILE_IT_HOLDS_FROM))
                .as("dropped before the search")
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void a_failed_cas_says_the_register_did_not_hold_from_with_porcupine_semantics() {
        assertThat(check("cas-register", 0L, Semantics.PORCUPINE, FAILED_CAS_WHILE_IT_HOLDS_FROM))
                .as("the compare did not match, yet the register held 1")
                .isEqualTo(Verdict.INVALID);
    }

    private static final String[] NIL_READ_OF_A_REGISTER_HOLDING_0 = {
        "{:process 0, :type :invoke, :f :read, :value nil}", "{:process 0, :type :ok, :f :read, :value nil}"
    };

    @Test
    void a_nil_read_learnt_nothing_with_jepsen_semantics() {
        assertThat(check("register", 0L, Semantics.JEPSEN, NIL_READ_OF_A_REGISTER_HOLDING_0))
                .as("register")
                .isEqualTo(Verdict.VALID);
        assertThat(check("cas-register", 0L, Semantics.JEPSEN, NIL_READ_OF_A_REGISTER_HOLDING_0))
                .as("cas-register")
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void a_nil_read_is_a_read_of_nil_with_porcupine_semantics() {
        assertThat(check("cas-register", 0L, Semantics.PORCUPINE, NIL_READ_OF_A_REGISTER_HOLDING_0))
                .as("0 is not nil")
                .isEqualTo(Verdict.INVALID);
        assertThat(check("cas-register", null, Semantics.PORCUPINE, NIL_READ_OF_A_REGISTER_HOLDING_0))
                .as("(cas-register) starts nil")
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void a_register_starts_nil_unless_given_an_initial_value_as_knossos_cas_register_does() {
        String[] readOfZero = {
            "{:process 0, :type :invoke, :f :read, :value nil}", "{:process 0, :type :ok, :f :read, :value 0}"
        };
        assertThat(check("cas-register", null, Semantics.JEPSEN, readOfZero))
                .as("(cas-register)")
                .isEqualTo(Verdict.INVALID);
        assertThat(check("cas-register", 0L, Semantics.JEPSEN, readOfZero))
                .as("(cas-register 0)")
                .isEqualTo(Verdict.VALID);
    }

    private static final String[] TXN_READING_NIL = {
        "{:process 0, :type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]]}",
        "{:process 0, :type :ok, :f :txn, :value [[:read :x nil] [:read :y 5]]}"
    };

    @Test
    void a_multi_register_read_of_nil_is_always_legal_with_jepsen_semantics() {
        assertThat(check("multi-register", Map.of("x", 0L, "y", 5L), Semantics.JEPSEN, TXN_READING_NIL))
                .as("x read nil while it holds 0; y read 5")
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void a_multi_register_read_of_nil_is_a_read_of_nil_with_porcupine_semantics() {
        assertThat(check("multi-register", Map.of("x", 0L, "y", 5L), Semantics.PORCUPINE, TXN_READING_NIL))
                .as("x holds 0, not nil")
                .isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_multi_register_key_the_initial_map_leaves_out_starts_nil() {
        String[] readZOfZero = {
            "{:process 0, :type :invoke, :f :txn, :value [[:read :z nil]]}",
            "{:process 0, :type :ok, :f :txn, :value [[:read :z 0]]}"
        };
        assertThat(check("multi-register", Map.of("x", 0L), Semantics.JEPSEN, readZOfZero))
                .as("z is not in {:x 0}: it starts nil")
                .isEqualTo(Verdict.INVALID);
        assertThat(check("multi-register", 0L, Semantics.JEPSEN, readZOfZero))
                .as("one value for every key (Faultline's extension)")
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void an_info_cas_may_have_happened_and_an_invoke_never_completed_is_like_info() {
        String[] lines = {
            "{:process 0, :type :invoke, :f :cas, :value [0 1]}",
            "{:process 0, :type :info, :f :cas, :value [0 1]}",
            "{:process 1, :type :invoke, :f :write, :value 2}",
            "{:process 2, :type :invoke, :f :read, :value nil}",
            "{:process 2, :type :ok, :f :read, :value 1}",
            "{:process 3, :type :invoke, :f :read, :value nil}",
            "{:process 3, :type :ok, :f :read, :value 2}",
            "{:process :nemesis, :type :info, :f :start, :value nil}"
        };
        assertThat(check("cas-register", 0L, Semantics.JEPSEN, lines))
                .as("the info cas took effect, then the pending write")
                .isEqualTo(Verdict.VALID);
    }
}
