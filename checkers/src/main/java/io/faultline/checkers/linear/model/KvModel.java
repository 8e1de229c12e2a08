package io.faultline.checkers.linear.model;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.ModelMismatchException;
import io.faultline.checkers.linear.Partition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Porcupine's key-value store of strings: {@code get} returns a key's value, {@code put} sets it, {@code append}
 * appends to it. The key is the op's {@code key} field; a missing key reads as the initial value ({@code ""} unless
 * {@code --initial} says otherwise) and nil values count as {@code ""}. Partitioned by key.
 */
public final class KvModel implements Model<KeyedState, KvModel.Call> {

    /** A compiled kv operation. */
    public record Call(Kind kind, Object key, String value) {}

    public enum Kind {
        GET,
        PUT,
        APPEND
    }

    private final String initial;

    public KvModel(@Nullable Object initial) {
        this.initial = initial == null ? "" : String.valueOf(Values.normal(initial));
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public KeyedState init() {
        return KeyedState.EMPTY;
    }

    @Override
    public @Nullable Call call(Operation op) {
        Object key = key(op);
        Operation.Outcome outcome = op.outcome();
        return switch (op.f()) {
            case "get" -> outcome == Operation.Outcome.OK ? new Call(Kind.GET, key, text(op.output())) : null;
            case "put" -> outcome == Operation.Outcome.FAIL ? null : new Call(Kind.PUT, key, text(op.input()));
            case "append" -> outcome == Operation.Outcome.FAIL ? null : new Call(Kind.APPEND, key, text(op.input()));
            default -> throw new ModelMismatchException(name(), op, "f get, put or append");
        };
    }

    private Object key(Operation op) {
        Object key = op.invocation().extra("key");
        if (key == null) {
            throw new ModelMismatchException(name(), op, "a 'key' field naming the key");
        }
        return Values.normal(key);
    }

    private static String text(@Nullable Object v) {
        Object n = Values.normal(v);
        return n == null ? "" : n instanceof String s ? s : String.valueOf(n);
    }

    @Override
    public @Nullable KeyedState step(KeyedState state, Call call) {
        return switch (call.kind()) {
            case GET -> state.get(call.key(), initial).equals(call.value()) ? state : null;
            case PUT -> state.with(call.key(), call.value(), initial);
            case APPEND -> state.with(call.key(), state.get(call.key(), initial) + call.value(), initial);
        };
    }

    @Override
    public List<Partition> partition(List<Operation> operations) {
        Map<Object, List<Operation>> byKey = new LinkedHashMap<>();
        for (Operation op : operations) {
            byKey.computeIfAbsent(key(op), k -> new ArrayList<>()).add(op);
        }
        List<Partition> parts = new ArrayList<>(byKey.size());
        byKey.forEach((k, ops) -> parts.add(new Partition(EdnWriter.write(k), ops)));
        return parts;
    }

    @Override
    public String describeCall(Call call) {
        String k = EdnWriter.write(call.key());
        return switch (call.kind()) {
            case GET -> "get " + k + " -> " + EdnWriter.write(call.value());
            case PUT -> "put " + k + " " + EdnWriter.write(call.value());
            case APPEND -> "append " + k + " " + EdnWriter.write(call.value());
        };
    }

    @Override
    public String describeState(KeyedState state) {
        return state.toString();
    }
}
