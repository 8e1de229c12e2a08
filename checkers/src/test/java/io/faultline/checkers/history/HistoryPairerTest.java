package io.faultline.checkers.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryPairerTest {

    private static PairedHistory pair(Op... ops) {
        HistoryPairer p = new HistoryPairer();
        for (Op op : ops) {
            p.accept(op, (int) op.index() + 1);
        }
        return p.finish();
    }

    private static Op op(long index, OpType type, long process, String f, Object value) {
        return Op.of(index, type, ProcessId.client(process), f, value);
    }

    @Test
    void an_invocation_and_its_completion_become_one_operation() {
        PairedHistory h = pair(op(0, OpType.INVOKE, 1, "write", 3L), op(1, OpType.OK, 1, "write", 3L));
        assertThat(h.operations()).as("operations").hasSize(1);
        Operation w = h.operations().getFirst();
        assertThat(w.outcome()).as("outcome").isEqualTo(Operation.Outcome.OK);
        assertThat(w.input()).as("input").isEqualTo(3L);
        assertThat(w.call()).as("call position").isZero();
        assertThat(w.ret()).as("return position").isEqualTo(1);
        assertThat(w.invocationLine()).as("invocation line").isEqualTo(1);
        assertThat(w.completionLine()).as("completion line").isEqualTo(2);
    }

    @Test
    void an_info_completion_returns_at_infinity() {
        PairedHistory h = pair(op(0, OpType.INVOKE, 1, "write", 3L), op(1, OpType.INFO, 1, "write", null));
        assertThat(h.operations().getFirst().ret()).as("info return").isEqualTo(Long.MAX_VALUE);
        assertThat(h.operations().getFirst().outcome().isIndeterminate())
                .as("indeterminate")
                .isTrue();
    }

    @Test
    void an_invocation_never_completed_is_pending() {
        PairedHistory h = pair(op(0, OpType.INVOKE, 1, "write", 3L));
        assertThat(h.operations().getFirst().outcome()).as("outcome").isEqualTo(Operation.Outcome.PENDING);
        assertThat(h.operations().getFirst().ret()).as("pending return").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void nemesis_ops_are_counted_and_set_aside() {
        Op start = Op.of(0, OpType.INFO, ProcessId.NEMESIS, "start", null);
        Op done = Op.of(1, OpType.INFO, ProcessId.NEMESIS, "start", List.of("n1"));
        PairedHistory h = pair(start, done);
        assertThat(h.operations()).as("client operations").isEmpty();
        assertThat(h.nemesisOps()).as("nemesis ops").isEqualTo(2);
        assertThat(h.opCount()).as("ops").isEqualTo(2);
    }

    @Test
    void a_completion_with_no_invocation_is_rejected_naming_the_rule_and_the_op() {
        assertThatThrownBy(() -> pair(op(0, OpType.OK, 4, "read", 1L)))
                .as("orphan completion")
                .isInstanceOf(MalformedHistoryException.class)
                .hasMessageContaining(HistoryPairer.RULE_ORPHAN)
                .hasMessageContaining("#0 p4 ok read 1")
                .hasMessageStartingWith("line 1:");
    }

    @Test
    void two_outstanding_operations_on_one_process_are_rejected() {
        assertThatThrownBy(() -> pair(op(0, OpType.INVOKE, 2, "read", null), op(1, OpType.INVOKE, 2, "write", 1L)))
                .as("second invocation while one is outstanding")
                .isInstanceOf(MalformedHistoryException.class)
                .hasMessageContaining(HistoryPairer.RULE_ONE_OUTSTANDING)
                .hasMessageContaining("#1 p2 invoke write 1");
    }

    @Test
    void a_process_reused_after_info_is_rejected() {
        assertThatThrownBy(() -> pair(
                        op(0, OpType.INVOKE, 2, "write", 1L),
                        op(1, OpType.INFO, 2, "write", null),
                        op(2, OpType.INVOKE, 2, "read", null)))
                .as("invocation after info")
                .isInstanceOf(MalformedHistoryException.class)
                .hasMessageContaining(HistoryPairer.RULE_NO_REUSE_AFTER_INFO);
    }

    @Test
    void a_completion_with_another_f_is_rejected() {
        assertThatThrownBy(() -> pair(op(0, OpType.INVOKE, 2, "write", 1L), op(1, OpType.OK, 2, "read", 1L)))
                .as("f mismatch")
                .hasMessageContaining(HistoryPairer.RULE_SAME_F);
    }

    @Test
    void indices_that_go_backwards_are_rejected() {
        assertThatThrownBy(() -> pair(op(5, OpType.INVOKE, 2, "write", 1L), op(3, OpType.OK, 2, "write", 1L)))
                .as("decreasing index")
                .hasMessageContaining(HistoryPairer.RULE_INDEX);
    }

    @Test
    void times_that_go_backwards_are_a_warning_and_the_order_of_the_file_is_kept() {
        // Jepsen's order is the history's line order; :time comes from the clocks of several client machines.
        Op a = new Op(0, 100, OpType.INVOKE, ProcessId.client(1), "write", 1L, null, null, java.util.Map.of());
        Op b = new Op(1, 50, OpType.OK, ProcessId.client(1), "write", 1L, null, null, java.util.Map.of());
        Op c = new Op(2, 40, OpType.INVOKE, ProcessId.client(2), "read", null, null, null, java.util.Map.of());
        Op d = new Op(3, 120, OpType.OK, ProcessId.client(2), "read", 1L, null, null, java.util.Map.of());
        PairedHistory h = pair(a, b, c, d);
        assertThat(h.operations()).as("both operations kept").hasSize(2);
        assertThat(h.operations().get(0).ret())
                .as("the write returns before the read is called, by file order")
                .isLessThan(h.operations().get(1).call());
        assertThat(h.warnings())
                .as("one warning per time that went backwards")
                .hasSize(2)
                .allSatisfy(w -> assertThat(w).contains(HistoryPairer.WARN_TIME))
                .first()
                .asString()
                .startsWith("line 2:")
                .contains("previous time 100");
    }

    @Test
    void many_warnings_of_one_kind_are_summed_up_after_the_first_few() {
        Op[] ops = new Op[10];
        for (int i = 0; i < ops.length; i++) {
            ops[i] = new Op(
                    i, 1000 - i, OpType.INVOKE, ProcessId.client(i), "write", 1L, null, null, java.util.Map.of());
        }
        PairedHistory h = pair(ops);
        assertThat(h.warnings())
                .as("9 times went backwards: 3 kept, then a count of the other 6")
                .hasSize(4)
                .last()
                .asString()
                .startsWith("and 6 more: ");
    }

    @Test
    void an_info_with_no_invocation_is_set_aside_with_a_warning() {
        // Knossos's history/pairs+ keeps such an info alone: it is no operation to linearize.
        PairedHistory h = pair(op(0, OpType.INFO, 3, "crash", null), op(1, OpType.INVOKE, 4, "read", null));
        assertThat(h.operations()).as("only the read").hasSize(1);
        assertThat(h.warnings()).as("warning").singleElement().asString().contains(HistoryPairer.WARN_LONE_INFO);
    }

    @Test
    void ops_of_any_non_client_process_are_counted_and_set_aside() {
        // Jepsen: only integer processes are clients (jepsen.history/client-op?).
        Op nem = Op.of(0, OpType.INFO, ProcessId.named("nem"), "hi", null);
        Op inv = Op.of(1, OpType.INVOKE, ProcessId.named("checker"), "read", null);
        PairedHistory h = pair(nem, inv);
        assertThat(h.operations()).as("client operations").isEmpty();
        assertThat(h.nemesisOps()).as("non-client ops").isEqualTo(2);
        assertThat(ProcessId.named("nemesis")).as("nemesis by name").isEqualTo(ProcessId.NEMESIS);
    }
}
