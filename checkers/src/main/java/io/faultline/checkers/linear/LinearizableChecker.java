package io.faultline.checkers.linear;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Checker;
import io.faultline.checkers.history.HistoryPairer;
import io.faultline.checkers.history.Op;
import java.util.List;

/** The linearizability search as a {@link Checker} over a recorded history, with a model and limits. */
public final class LinearizableChecker implements Checker {

    private final Model<?, ?> model;
    private final LinearizabilityChecker.Options options;

    public LinearizableChecker(Model<?, ?> model, LinearizabilityChecker.Options options) {
        this.model = model;
        this.options = options;
    }

    @Override
    public String name() {
        return "linearizable";
    }

    @Override
    public CheckResult check(List<Op> history) {
        LinearizabilityResult result =
                LinearizabilityChecker.check(model, HistoryPairer.pair(history).operations(), options);
        String summary = switch (result.verdict()) {
            case VALID ->
                result.operations() + " operations of model " + result.model() + " in "
                        + result.partitions().size() + " independent part(s) linearize";
            case INVALID ->
                result.counterexample() == null
                        ? "not linearizable"
                        : result.counterexample().explanation();
            case UNKNOWN -> "undecided: " + result.cause() + "; fully checked keys: " + result.fullyCheckedKeys();
        };
        return CheckResult.of(name(), result.verdict(), summary, result);
    }
}
