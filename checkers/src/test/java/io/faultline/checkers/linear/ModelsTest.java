package io.faultline.checkers.linear;

import static io.faultline.checkers.linear.InlineHistories.check;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.linear.model.Models;
import org.junit.jupiter.api.Test;

/** Each built-in model accepts a legal history and rejects one that breaks its specification. */
class ModelsTest {

    @Test
    void kv_appends_concatenate_and_keys_are_independent() {
        String[] lines = {
            "{:process 0, :type :invoke, :f :append, :key \"a\", :value \"x\"}",
            "{:process 0, :type :ok, :f :append, :key \"a\", :value \"x\"}",
            "{:process 0, :type :invoke, :f :append, :key \"a\", :value \"y\"}",
            "{:process 0, :type :ok, :f :append, :key \"a\", :value \"y\"}",
            "{:process 1, :type :invoke, :f :put, :key \"b\", :value \"z\"}",
            "{:process 1, :type :ok, :f :put, :key \"b\", :value \"z\"}",
            "{:process 1, :type :invoke, :f :get, :key \"a\", :value nil}",
            "{:process 1, :type :ok, :f :get, :key \"a\", :value \"xy\"}",
            "{:process 1, :type :invoke, :f :get, :key \"c\", :value nil}",
            "{:process 1, :type :ok, :f :get, :key \"c\", :value \"\"}"
        };
        LinearizabilityResult r = check("kv", lines);
        assertThat(r.verdict()).as("kv: %s", r).isEqualTo(Verdict.VALID);
        assertThat(r.partitions()).as("one partition per key").hasSize(3);
        String[] bad = lines.clone();
        bad[7] = "{:process 1, :type :ok, :f :get, :key \"a\", :value \"yx\"}";
        assertThat(check("kv", bad).verdict()).as("appends out of order").isEqualTo(Verdict.INVALID);
    }

    @Test
    void multi_register_txns_apply_atomically() {
        String w = "{:process 0, :type :invoke, :f :txn, :value [[:write :x 1] [:write :y 1]]}";
        String wOk = "{:process 0, :type :ok, :f :txn, :value [[:write :x 1] [:write :y 1]]}";
        String r = "{:process 1, :type :invoke, :f :txn, :value [[:read :x nil] [:read :y nil]]}";
        LinearizabilityResult ok = check(
                "multi-register", w, wOk, r, "{:process 1, :type :ok, :f :txn, :value [[:read :x 1] [:read :y 1]]}");
        assertThat(ok.verdict()).as("both writes seen: %s", ok).isEqualTo(Verdict.VALID);
        assertThat(ok.partitions()).as("x and y form one partition").hasSize(1);
        LinearizabilityResult torn = check(
                "multi-register", w, wOk, r, "{:process 1, :type :ok, :f :txn, :value [[:read :x 1] [:read :y nil]]}");
        assertThat(torn.verdict()).as("a torn read: %s", torn).isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_set_read_must_contain_exactly_the_added_elements() {
        String[] add = {
            "{:process 0, :type :invoke, :f :add, :value 1}", "{:process 0, :type :ok, :f :add, :value 1}",
        };
        LinearizabilityResult ok = check(
                "set",
                add[0],
                add[1],
                "{:process 1, :type :invoke, :f :read}",
                "{:process 1, :type :ok, :f :read, :value #{1}}");
        assertThat(ok.verdict()).as("read after add: %s", ok).isEqualTo(Verdict.VALID);
        LinearizabilityResult lost = check(
                "set",
                add[0],
                add[1],
                "{:process 1, :type :invoke, :f :read}",
                "{:process 1, :type :ok, :f :read, :value []}");
        assertThat(lost.verdict()).as("lost add: %s", lost).isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_queue_is_first_in_first_out() {
        String[] enq = {
            "{:process 0, :type :invoke, :f :enqueue, :value 1}", "{:process 0, :type :ok, :f :enqueue, :value 1}",
            "{:process 0, :type :invoke, :f :enqueue, :value 2}", "{:process 0, :type :ok, :f :enqueue, :value 2}",
            "{:process 1, :type :invoke, :f :dequeue}"
        };
        String[] fifo = java.util.Arrays.copyOf(enq, 6);
        fifo[5] = "{:process 1, :type :ok, :f :dequeue, :value 1}";
        assertThat(check("queue", fifo).verdict()).as("first in, first out").isEqualTo(Verdict.VALID);
        String[] lifo = java.util.Arrays.copyOf(enq, 6);
        lifo[5] = "{:process 1, :type :ok, :f :dequeue, :value 2}";
        assertThat(check("queue", lifo).verdict()).as("last in, first out").isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_mutex_is_held_by_one_process_at_a_time() {
        LinearizabilityResult both = check(
                "mutex",
                "{:process 0, :type :invoke, :f :acquire}",
                "{:process 0, :type :ok, :f :acquire}",
                "{:process 1, :type :invoke, :f :acquire}",
                "{:process 1, :type :ok, :f :acquire}");
        assertThat(both.verdict()).as("two holders: %s", both).isEqualTo(Verdict.INVALID);
        LinearizabilityResult handover = check(
                "mutex",
                "{:process 0, :type :invoke, :f :acquire}",
                "{:process 0, :type :ok, :f :acquire}",
                "{:process 1, :type :invoke, :f :acquire}",
                "{:process 0, :type :invoke, :f :release}",
                "{:process 0, :type :ok, :f :release}",
                "{:process 1, :type :ok, :f :acquire}");
        assertThat(handover.verdict()).as("hand-over: %s", handover).isEqualTo(Verdict.VALID);
    }

    @Test
    void an_operation_the_model_does_not_know_is_named() {
        assertThatThrownBy(() -> check(
                        "cas-register",
                        "{:process 0, :type :invoke, :f :frob, :value 1}",
                        "{:process 0, :type :ok, :f :frob, :value 1}"))
                .as("unknown f")
                .isInstanceOf(ModelMismatchException.class)
                .hasMessageContaining("model cas-register cannot check process 0 frob 1")
                .hasMessageContaining("expected f read, write or cas");
    }

    @Test
    void the_model_is_guessed_from_the_operations() {
        assertThat(Models.guess(InlineHistories.edn(
                        "{:process 0, :type :invoke, :f :get, :key \"a\"}",
                        "{:process 0, :type :ok, :f :get, :key \"a\"}")))
                .as("ops with a key")
                .isEqualTo("kv");
        assertThat(Models.guess(InlineHistories.edn("{:process 0, :type :invoke, :f :enqueue, :value 1}")))
                .as("enqueue")
                .isEqualTo("queue");
        assertThat(Models.guess(InlineHistories.edn("{:process 0, :type :invoke, :f :read}")))
                .as("read")
                .isEqualTo("cas-register");
    }

    @Test
    void an_unknown_model_name_lists_the_known_ones() {
        assertThatThrownBy(() -> Models.byName("btree", null))
                .as("unknown model")
                .hasMessageContaining("unknown model 'btree'")
                .hasMessageContaining("cas-register");
    }
}
