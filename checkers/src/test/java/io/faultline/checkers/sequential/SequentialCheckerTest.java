package io.faultline.checkers.sequential;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.LinearizabilityChecker;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.model.Models;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built histories whose sequential-consistency verdict is known, next to their linearizability verdict. */
class SequentialCheckerTest {
    private static final SequentialChecker.Options OPTIONS =
            SequentialChecker.Options.defaults().withTimeout(Duration.ofSeconds(30));

    static List<Operation> edn(String... lines) {
        try (HistoryReader r =
                Histories.open(new StringReader(String.join("\n", lines)), "inline.edn", HistoryFormat.EDN, false)) {
            return Histories.pair(r).operations();
        }
    }

    private static SequentialResult sequential(Model<?, ?> model, List<Operation> ops) {
        return SequentialChecker.check(model, ops, OPTIONS);
    }

    private static Verdict linearizable(Model<?, ?> model, List<Operation> ops) {
        return LinearizabilityChecker.check(model, ops, LinearizabilityChecker.Options.defaults())
                .verdict();
    }

    @Test
    void a_stale_read_after_a_completed_write_is_sequentially_consistent_but_not_linearizable() {
        Model<?, ?> register = Models.byName("register", 0L);
        List<Operation> ops = edn(
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :ok, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 0}");

        assertThat(sequential(register, ops).verdict()).isEqualTo(Verdict.VALID);
        assertThat(linearizable(register, ops)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_process_may_see_a_completed_write_late_as_long_as_its_reads_never_see_it_undone() {
        // Order: p1 read 0, p0 write 2, p1 read 2. Linearizability forbids it: the write completed before either
        // read was invoked.
        Model<?, ?> register = Models.byName("register", 0L);
        List<Operation> ops = edn(
                "{:process 0, :type :invoke, :f :write, :value 2}",
                "{:process 0, :type :ok, :f :write, :value 2}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 0}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 2}");

        assertThat(sequential(register, ops).verdict()).isEqualTo(Verdict.VALID);
        assertThat(linearizable(register, ops)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void reading_two_writes_of_one_process_in_the_opposite_order_is_neither_and_names_the_blocked_read() {
        Model<?, ?> register = Models.byName("register", 0L);
        List<Operation> ops = edn(
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :ok, :f :write, :value 1}",
                "{:process 0, :type :invoke, :f :write, :value 2}",
                "{:process 0, :type :ok, :f :write, :value 2}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 2}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 1}");

        SequentialResult r = sequential(register, ops);

        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(linearizable(register, ops)).isEqualTo(Verdict.INVALID);
        SequentialResult.Counterexample c = r.counterexample();
        assertThat(c).isNotNull();
        assertThat(c.longest()).hasSize(3);
        assertThat(c.blocked()).extracting(Operation::output).containsExactly(1L);
        assertThat(c.explanation())
                .startsWith("Not sequentially consistent")
                .contains("process 1 read -> 1")
                .contains("places 3");
    }

    @Test
    void the_checker_reports_the_counterexample_as_its_summary() {
        SequentialChecker checker = new SequentialChecker(Models.byName("register", 0L), OPTIONS);
        List<Op> history = new ArrayList<>();
        for (Operation op : edn(
                "{:process 0, :type :invoke, :f :read, :value nil}", "{:process 0, :type :ok, :f :read, :value 7}")) {
            history.add(op.invocation());
            history.add(op.completion());
        }

        CheckResult r = checker.check(history);

        assertThat(r.checker()).isEqualTo("sequential");
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.summary()).contains("places 0").contains("process 0 read -> 7");
    }

    @Test
    void a_cas_that_completed_before_a_stale_read_is_sequentially_consistent_but_not_linearizable() {
        Model<?, ?> cas = Models.byName("cas-register", 0L);
        List<Operation> ops = edn(
                "{:process 0, :type :invoke, :f :cas, :value [0 1]}",
                "{:process 0, :type :ok, :f :cas, :value [0 1]}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 0}",
                "{:process 1, :type :invoke, :f :cas, :value [1 2]}",
                "{:process 1, :type :ok, :f :cas, :value [1 2]}");

        assertThat(sequential(cas, ops).verdict()).isEqualTo(Verdict.VALID);
        assertThat(linearizable(cas, ops)).isEqualTo(Verdict.INVALID);
    }

    @Test
    void two_successful_cas_from_the_same_value_with_no_way_back_are_not_sequentially_consistent() {
        Model<?, ?> cas = Models.byName("cas-register", 0L);
        List<Operation> ops = edn(
                "{:process 0, :type :invoke, :f :cas, :value [0 1]}",
                "{:process 1, :type :invoke, :f :cas, :value [0 3]}",
                "{:process 0, :type :ok, :f :cas, :value [0 1]}",
                "{:process 1, :type :ok, :f :cas, :value [0 3]}");

        assertThat(sequential(cas, ops).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_failed_cas_constrains_the_order_with_porcupine_semantics_and_is_dropped_with_jepsen_semantics() {
        List<Operation> ops = edn(
                "{:process 0, :type :invoke, :f :cas, :value [0 1]}",
                "{:process 0, :type :fail, :f :cas, :value [0 1]}");

        assertThat(sequential(Models.byName("cas-register", 0L, Semantics.PORCUPINE), ops)
                        .verdict())
                .isEqualTo(Verdict.INVALID);
        assertThat(sequential(Models.byName("cas-register", 0L, Semantics.JEPSEN), ops)
                        .verdict())
                .isEqualTo(Verdict.VALID);
    }

    @Test
    void an_info_write_may_take_effect_but_only_once_and_in_one_place() {
        Model<?, ?> register = Models.byName("register", 0L);
        List<Operation> seen = edn(
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :info, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 1}");
        List<Operation> seenThenUnseen = edn(
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :info, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 1}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 0}");
        List<Operation> neverSeen = edn(
                "{:process 0, :type :invoke, :f :write, :value 1}",
                "{:process 0, :type :info, :f :write, :value 1}",
                "{:process 1, :type :invoke, :f :read, :value nil}",
                "{:process 1, :type :ok, :f :read, :value 0}");

        assertThat(sequential(register, seen).verdict()).isEqualTo(Verdict.VALID);
        assertThat(sequential(register, neverSeen).verdict()).isEqualTo(Verdict.VALID);
        assertThat(sequential(register, seenThenUnseen).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void keys_that_are_each_consistent_can_still_be_inconsistent_together_because_the_property_is_not_local() {
        // p0: put x 1, get y -> ""; p1: put y 1, get x -> "". Each key alone orders fine; together the two reads of
        // the initial value need each put after the other process's get, which program order forbids.
        Model<?, ?> kv = Models.byName("kv", null);
        List<Operation> ops = edn(
                "{:process 0, :type :invoke, :f :put, :key \"x\", :value \"1\"}",
                "{:process 0, :type :ok, :f :put, :key \"x\", :value \"1\"}",
                "{:process 1, :type :invoke, :f :put, :key \"y\", :value \"1\"}",
                "{:process 1, :type :ok, :f :put, :key \"y\", :value \"1\"}",
                "{:process 0, :type :invoke, :f :get, :key \"y\", :value nil}",
                "{:process 0, :type :ok, :f :get, :key \"y\", :value \"\"}",
                "{:process 1, :type :invoke, :f :get, :key \"x\", :value nil}",
                "{:process 1, :type :ok, :f :get, :key \"x\", :value \"\"}");

        SequentialResult r = sequential(kv, ops);

        assertThat(r.partitions()).isEqualTo(2);
        assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(r.counterexample()).isNotNull();
        assertThat(r.counterexample().key()).isEmpty();
        assertThat(r.counterexample().explanation()).contains("not local");
    }

    @Test
    void a_multi_key_history_with_stale_reads_on_each_key_is_valid_and_an_invalid_key_is_named() {
        Model<?, ?> kv = Models.byName("kv", null);
        List<Operation> stale = edn(
                "{:process 0, :type :invoke, :f :put, :key \"x\", :value \"1\"}",
                "{:process 0, :type :ok, :f :put, :key \"x\", :value \"1\"}",
                "{:process 0, :type :invoke, :f :put, :key \"y\", :value \"1\"}",
                "{:process 0, :type :ok, :f :put, :key \"y\", :value \"1\"}",
                "{:process 1, :type :invoke, :f :get, :key \"x\", :value nil}",
                "{:process 1, :type :ok, :f :get, :key \"x\", :value \"\"}",
                "{:process 1, :type :invoke, :f :get, :key \"y\", :value nil}",
                "{:process 1, :type :ok, :f :get, :key \"y\", :value \"1\"}");
        List<Operation> badKey = edn(
                "{:process 0, :type :invoke, :f :put, :key \"x\", :value \"1\"}",
                "{:process 0, :type :ok, :f :put, :key \"x\", :value \"1\"}",
                "{:process 1, :type :invoke, :f :get, :key \"y\", :value nil}",
                "{:process 1, :type :ok, :f :get, :key \"y\", :value \"9\"}");

        assertThat(sequential(kv, stale).verdict()).isEqualTo(Verdict.VALID);
        assertThat(linearizable(kv, stale)).isEqualTo(Verdict.INVALID);
        SequentialResult bad = sequential(kv, badKey);
        assertThat(bad.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(bad.counterexample()).isNotNull();
        assertThat(bad.counterexample().key()).isEqualTo("\"y\"");
        assertThat(bad.counterexample().explanation()).contains("(key \"y\")");
    }
}
