package io.faultline.checkers.linear.model;

import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.ModelMismatchException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A FIFO queue: {@code enqueue x} adds at the tail; an ok {@code dequeue} returns the head (nil when the queue is
 * empty). A dequeue of unknown outcome may remove the head; a failed one did nothing.
 */
public final class QueueModel implements Model<QueueModel.State, QueueModel.Call> {

    /** The queue's contents, head first. */
    public record State(Object[] items) {
        @Override
        public boolean equals(Object o) {
            return o instanceof State s && Arrays.equals(s.items, items);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(items);
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : items) {
                sb.append(sb.length() > 1 ? " " : "").append(Nil.show(x));
            }
            return sb.append(']').toString();
        }
    }

    /** A compiled queue operation; {@code checked} says whether a dequeue's value must match. */
    public record Call(boolean enqueue, @Nullable Object value, boolean checked) {}

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public State init() {
        return new State(new Object[0]);
    }

    @Override
    public @Nullable Call call(Operation op) {
        if (op.outcome() == Operation.Outcome.FAIL) {
            if (!op.f().equals("enqueue") && !op.f().equals("dequeue")) {
                throw new ModelMismatchException(name(), op, "f enqueue or dequeue");
            }
            return null;
        }
        return switch (op.f()) {
            case "enqueue" -> new Call(true, Nil.wrap(Values.normal(op.input())), false);
            case "dequeue" ->
                op.outcome() == Operation.Outcome.OK
                        ? new Call(false, Nil.wrap(Values.normal(op.output())), true)
                        : new Call(false, null, false);
            default -> throw new ModelMismatchException(name(), op, "f enqueue or dequeue");
        };
    }

    @Override
    public @Nullable State step(State state, Call call) {
        Object[] items = state.items();
        if (call.enqueue()) {
            Object[] next = Arrays.copyOf(items, items.length + 1);
            next[items.length] = call.value();
            return new State(next);
        }
        if (items.length == 0) {
            return !call.checked() || call.value() == Nil.NIL ? state : null;
        }
        if (call.checked() && !items[0].equals(call.value())) {
            return null;
        }
        return new State(Arrays.copyOfRange(items, 1, items.length));
    }

    @Override
    public String describeCall(Call call) {
        if (call.enqueue()) {
            return "enqueue " + Nil.show(call.value());
        }
        return call.checked() ? "dequeue -> " + Nil.show(call.value()) : "dequeue (unknown outcome)";
    }

    @Override
    public String describeState(State state) {
        return state.toString();
    }
}
