package io.faultline.checkers.sequential;

import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.LinearizabilityResult.Step;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.sequential.SequentialResult.Counterexample;
import java.util.ArrayList;
import java.util.List;

/** Turns a failed search into a counterexample a person can follow. */
final class Explainer<S> {
    private static final int SHOWN = 8;

    private final Model<S, ?> model;
    private final List<String> keys;

    Explainer(Model<S, ?> model, List<String> keys) {
        this.model = model;
        this.keys = List.copyOf(keys);
    }

    /**
     * @param key the partition searched alone, or {@code ""} for all of them together
     * @param total how many operations the search had to order
     * @param single whether the search's state is a single part's state
     */
    Counterexample explain(String key, SequentialSearch.Inconsistent bad, int total, boolean single) {
        List<Step> steps = new ArrayList<>(bad.longest().size());
        for (int i = 0; i < bad.longest().size(); i++) {
            steps.add(new Step(bad.longest().get(i), describe(bad.states().get(i), single)));
        }
        Object[] init = new Object[single ? 1 : keys.size()];
        java.util.Arrays.fill(init, model.init());
        String initial = describe(init, single);
        String then = steps.isEmpty() ? initial : steps.getLast().stateAfter();
        StringBuilder sb = new StringBuilder("Not sequentially consistent");
        if (!key.isEmpty()) {
            sb.append(" (key ").append(key).append(')');
        } else if (!single) {
            sb.append(" (each key alone has an order, all keys together do not: sequential consistency is not local)");
        }
        sb.append(": no total order of the ")
                .append(total)
                .append(" operations respects each process's program order and the model. The longest order found")
                .append(" places ")
                .append(steps.size())
                .append(", starting from ")
                .append(initial);
        if (steps.isEmpty()) {
            sb.append('.');
        } else {
            sb.append(": ");
            int from = Math.max(0, steps.size() - SHOWN);
            if (from > 0) {
                sb.append("... ");
            }
            for (int i = from; i < steps.size(); i++) {
                sb.append(steps.get(i).operation().describe())
                        .append(" -> ")
                        .append(steps.get(i).stateAfter());
                sb.append(i + 1 < steps.size() ? "; " : ".");
            }
        }
        sb.append(" From state ").append(then).append(" no process's next operation can go: ");
        for (int i = 0; i < bad.blocked().size(); i++) {
            Operation op = bad.blocked().get(i);
            sb.append(op.describe());
            sb.append(i + 1 < bad.blocked().size() ? "; " : ".");
        }
        return new Counterexample(key, steps, bad.blocked(), initial, sb.toString());
    }

    @SuppressWarnings("unchecked")
    private String describe(Object[] states, boolean single) {
        if (single) {
            return model.describeState((S) states[0]);
        }
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < states.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(keys.get(i)).append(' ').append(model.describeState((S) states[i]));
        }
        return sb.append('}').toString();
    }
}
