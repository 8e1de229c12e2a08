package io.faultline.checkers.linear.model;

import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.ModelMismatchException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A set: {@code add x} adds an element, {@code read} returns all elements (any collection; order ignored). Starts
 * empty, or with the elements of {@code --initial} when that is a collection.
 */
public final class SetModel implements Model<Set<Object>, SetModel.Call> {

    /** A compiled set operation: an add of {@code element}, or an ok read of {@code elements}. */
    public record Call(
            boolean add, @Nullable Object element, @Nullable Set<Object> elements) {}

    private final Set<Object> initial;

    public SetModel(@Nullable Object initial) {
        Set<Object> s = new HashSet<>();
        if (initial instanceof Collection<?> c) {
            c.forEach(x -> s.add(Nil.wrap(Values.normal(x))));
        }
        this.initial = Set.copyOf(s);
    }

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Set<Object> init() {
        return initial;
    }

    @Override
    public @Nullable Call call(Operation op) {
        switch (op.f()) {
            case "add" -> {
                return op.outcome() == Operation.Outcome.FAIL
                        ? null
                        : new Call(true, Nil.wrap(Values.normal(op.input())), null);
            }
            case "read" -> {
                if (op.outcome() != Operation.Outcome.OK) {
                    return null;
                }
                if (!(op.output() instanceof Collection<?> c)) {
                    throw new ModelMismatchException(name(), op, "a read that returns a collection");
                }
                Set<Object> s = new HashSet<>();
                c.forEach(x -> s.add(Nil.wrap(Values.normal(x))));
                return new Call(false, null, Set.copyOf(s));
            }
            default -> throw new ModelMismatchException(name(), op, "f add or read");
        }
    }

    @Override
    public @Nullable Set<Object> step(Set<Object> state, Call call) {
        if (call.add()) {
            if (state.contains(call.element())) {
                return state;
            }
            Set<Object> next = new HashSet<>(state);
            next.add(call.element());
            return Set.copyOf(next);
        }
        return state.equals(call.elements()) ? state : null;
    }

    @Override
    public String describeCall(Call call) {
        return call.add() ? "add " + Nil.show(call.element()) : "read " + describeState(call.elements());
    }

    @Override
    public String describeState(Set<Object> state) {
        StringBuilder sb = new StringBuilder("#{");
        state.stream()
                .map(Nil::show)
                .sorted()
                .forEach(s -> sb.append(sb.length() > 2 ? " " : "").append(s));
        return sb.append('}').toString();
    }
}
