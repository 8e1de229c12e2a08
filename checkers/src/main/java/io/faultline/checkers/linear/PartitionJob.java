package io.faultline.checkers.linear;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.LinearizabilityResult.Counterexample;
import io.faultline.checkers.linear.LinearizabilityResult.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/** One partition compiled for the search, and the translation of the search's outcome into words. */
final class PartitionJob<S, C> {
    record Result(
            Verdict verdict,
            @Nullable Counterexample counterexample,
            @Nullable String cause) {}

    private final Model<S, C> model;
    private final String key;
    private final List<Operation> operations;
    private final List<C> calls;

    private PartitionJob(Model<S, C> model, String key, List<Operation> operations, List<C> calls) {
        this.model = model;
        this.key = key;
        this.operations = operations;
        this.calls = calls;
    }

    static <S, C> PartitionJob<S, C> compile(Model<S, C> model, Partition partition) {
        List<Operation> kept = new ArrayList<>(partition.operations().size());
        List<C> calls = new ArrayList<>(partition.operations().size());
        for (Operation op : partition.operations()) {
            C call = model.call(op);
            if (call != null) {
                kept.add(op);
                calls.add(call);
            }
        }
        return new PartitionJob<>(model, partition.key(), kept, calls);
    }

    String key() {
        return key;
    }

    List<Operation> operations() {
        return operations;
    }

    Result run(long deadlineNanos, AtomicBoolean stop, long maxStates) {
        WglSearch.Outcome outcome;
        try {
            outcome = new WglSearch<>(model, operations, calls).run(deadlineNanos, stop, maxStates);
        } catch (OutOfMemoryError e) {
            stop.set(true);
            return new Result(Verdict.UNKNOWN, null, "out of memory");
        }
        return switch (outcome) {
            case WglSearch.Linearizable l -> new Result(Verdict.VALID, null, null);
            case WglSearch.Aborted a -> new Result(Verdict.UNKNOWN, null, a.cause());
            case WglSearch.NotLinearizable bad -> new Result(Verdict.INVALID, explain(bad), null);
        };
    }

    @SuppressWarnings("unchecked")
    private Counterexample explain(WglSearch.NotLinearizable bad) {
        Operation failing = operations.get(bad.blocked());
        Operation lastOk = null;
        for (Operation op : operations) {
            if (op.outcome() == Operation.Outcome.OK
                    && op.ret() < failing.ret()
                    && op != failing
                    && (lastOk == null || op.ret() > lastOk.ret())) {
                lastOk = op;
            }
        }
        List<Step> steps = new ArrayList<>(bad.longest().length);
        for (int i = 0; i < bad.longest().length; i++) {
            steps.add(new Step(operations.get(bad.longest()[i]), model.describeState((S) bad.states()[i])));
        }
        String initial = model.describeState(model.init());
        String stateThen = steps.isEmpty() ? initial : steps.getLast().stateAfter();
        StringBuilder sb = new StringBuilder();
        sb.append("Not linearizable");
        if (!key.isEmpty()) {
            sb.append(" (key ").append(key).append(")");
        }
        sb.append(": ")
                .append(failing.describe())
                .append(" cannot be placed. It must take effect after its")
                .append(" invocation and before its completion, but no order of the operations allows it.");
        if (steps.isEmpty()) {
            sb.append(" No operation can even go first from the initial state ")
                    .append(initial)
                    .append('.');
        } else {
            sb.append(" The longest partial linearization found orders ")
                    .append(steps.size())
                    .append(" of ")
                    .append(operations.size())
                    .append(" operations, starting from ")
                    .append(initial)
                    .append(": ");
            int from = Math.max(0, steps.size() - 5);
            if (from > 0) {
                sb.append("... ");
            }
            for (int i = from; i < steps.size(); i++) {
                Step s = steps.get(i);
                sb.append(model.describeCall(calls.get(bad.longest()[i])))
                        .append(" (process ")
                        .append(s.operation().process())
                        .append(") -> ")
                        .append(s.stateAfter());
                sb.append(i + 1 < steps.size() ? "; " : ". ");
            }
            sb.append("From state ")
                    .append(stateThen)
                    .append(" no remaining operation can be linearized before ")
                    .append("the completion of ")
                    .append(failing.describe())
                    .append('.');
        }
        sb.append(" Its call: ")
                .append(model.describeCall(calls.get(bad.blocked())))
                .append('.');
        if (lastOk != null) {
            sb.append(" The last operation that completed ok before it: ")
                    .append(lastOk.describe())
                    .append('.');
        }
        return new Counterexample(key, failing, lastOk, steps, initial, sb.toString());
    }
}
