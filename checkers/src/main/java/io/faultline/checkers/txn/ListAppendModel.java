package io.faultline.checkers.txn;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.edn.Keyword;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.ModelMismatchException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One key of a list-append history as a linearizable object: a list that {@code append v} extends and {@code r}
 * reads whole. An operation is the micro-ops one transaction performed on this key, applied in order; an ok
 * operation's reads must see exactly the list at that point. Operations of unknown outcome keep only their appends
 * (they may happen at any later time); failed ones did not happen.
 */
public final class ListAppendModel implements Model<List<Object>, ListAppendModel.Call> {

    /** One micro-op: an append of {@code value}, or a read that saw {@code value} (null when unknown). */
    public record Micro(boolean append, @Nullable Object value) {}

    /** The micro-ops of one transaction on this key. */
    public record Call(List<Micro> micros) {}

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public List<Object> init() {
        return List.of();
    }

    @Override
    public @Nullable Call call(Operation op) {
        return switch (op.outcome()) {
            case FAIL -> null;
            case OK -> new Call(micros(op, op.output(), true));
            default -> {
                List<Micro> appends = micros(op, op.input(), false).stream()
                        .filter(Micro::append)
                        .toList();
                yield appends.isEmpty() ? null : new Call(appends);
            }
        };
    }

    @Override
    public @Nullable List<Object> step(List<Object> state, Call call) {
        List<Object> list = state;
        for (Micro micro : call.micros()) {
            if (micro.append()) {
                List<Object> longer = new ArrayList<>(list.size() + 1);
                longer.addAll(list);
                longer.add(micro.value());
                list = List.copyOf(longer);
            } else if (micro.value() != null && !Objects.equals(list, micro.value())) {
                return null;
            }
        }
        return list;
    }

    @Override
    public String describeCall(Call call) {
        List<String> parts = new ArrayList<>();
        for (Micro m : call.micros()) {
            parts.add((m.append() ? "append " : "read ") + EdnWriter.write(m.value()));
        }
        return String.join(", ", parts);
    }

    @Override
    public String describeState(List<Object> state) {
        return EdnWriter.write(state);
    }

    private List<Micro> micros(Operation op, @Nullable Object value, boolean withReads) {
        if (!(value instanceof List<?> list)) {
            throw new ModelMismatchException(name(), op, "a list of micro-ops [[append k v] [r k list]]");
        }
        List<Micro> micros = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof List<?> micro) || micro.size() != 3) {
                throw new ModelMismatchException(name(), op, "micro-ops of three elements [f k v]");
            }
            String f = micro.get(0) instanceof Keyword k ? k.name() : String.valueOf(micro.get(0));
            switch (f) {
                case "append" -> micros.add(new Micro(true, normal(micro.get(2))));
                case "r" -> micros.add(new Micro(false, withReads ? normal(micro.get(2)) : null));
                default -> throw new ModelMismatchException(name(), op, "micro-ops append or r, not " + f);
            }
        }
        return micros;
    }

    /** Integers as Long, lists as lists of normal values: JSON and EDN readers may differ in number types. */
    private static @Nullable Object normal(@Nullable Object value) {
        if (value instanceof Number n && !(value instanceof Double)) {
            return n.longValue();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ListAppendModel::normal).toList();
        }
        return value;
    }
}
