package io.faultline.checkers.sequential;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.ProcessId;
import io.faultline.checkers.linear.LinearizabilityChecker;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.model.Models;
import io.faultline.checkers.linear.model.RegisterModel;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Journals of the Raft store serving reads at followers under link partitions (see the README beside them): stale
 * reads make them not linearizable, and the search must find an order within its default budget. The order it finds
 * is replayed here, so the valid verdict is proven, not trusted.
 */
class SequentialRealHistoriesTest {

    private static List<Operation> load(String file) throws URISyntaxException {
        Path path = Path.of(
                Objects.requireNonNull(SequentialRealHistoriesTest.class.getResource("/sequential/" + file), file)
                        .toURI());
        return Histories.load(path, null, false).history().operations();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"raft-sequential-reads-link-partition-1.jsonl", "raft-sequential-reads-link-partition-4.jsonl"})
    void a_follower_reads_history_is_not_linearizable_but_has_an_order_that_replays(String file) throws Exception {
        RegisterModel register = (RegisterModel) Models.byName("register", null);
        List<Operation> ops = load(file);

        assertThat(LinearizabilityChecker.check(register, ops, LinearizabilityChecker.Options.defaults())
                        .verdict())
                .isEqualTo(Verdict.INVALID);
        assertThat(SequentialChecker.check(register, ops, SequentialChecker.Options.defaults())
                        .verdict())
                .isEqualTo(Verdict.VALID);

        List<SequentialSearch.Entry<RegisterModel.Call>> entries = new ArrayList<>();
        for (Operation op : ops) {
            RegisterModel.Call call = register.call(op);
            if (call != null) {
                entries.add(new SequentialSearch.Entry<>(op, call, 0));
            }
        }
        SequentialSearch.Outcome outcome = new SequentialSearch<>(register, entries, 1)
                .run(
                        System.nanoTime() + 60_000_000_000L,
                        SequentialChecker.Options.defaults().maxStates());
        assertThat(outcome).isInstanceOf(SequentialSearch.Consistent.class);
        assertReplays(register, entries, ((SequentialSearch.Consistent) outcome).order());
    }

    /**
     * The order holds every operation that certainly happened, keeps each process's operations in invocation order,
     * and every step of it is legal in the register.
     */
    private static <S, C> void assertReplays(
            Model<S, C> model, List<SequentialSearch.Entry<C>> entries, List<Operation> order) {
        Map<Operation, C> calls = new LinkedHashMap<>();
        entries.forEach(e -> calls.put(e.operation(), e.call()));
        assertThat(order)
                .containsAll(entries.stream()
                        .map(SequentialSearch.Entry::operation)
                        .filter(op -> !op.outcome().isIndeterminate())
                        .toList());
        Map<ProcessId, Long> lastCall = new LinkedHashMap<>();
        S state = model.init();
        for (Operation op : order) {
            Long previous = lastCall.put(op.process(), op.call());
            assertThat(previous == null || previous < op.call())
                    .as("%s follows its process's earlier operation", op)
                    .isTrue();
            S next = model.step(state, Objects.requireNonNull(calls.get(op), op::toString));
            assertThat(next)
                    .as("%s can happen in state %s", op, model.describeState(state))
                    .isNotNull();
            state = Objects.requireNonNull(next);
        }
    }
}
