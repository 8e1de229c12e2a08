package io.faultline.checkers.format;

import io.faultline.checkers.edn.Keyword;
import io.faultline.checkers.edn.Tagged;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Turns a map read from JSON (string keys) or EDN (keyword keys) into an {@link Op}, naming any bad field. */
final class OpFields {
    private OpFields() {}

    /**
     * @param element the parsed element
     * @param position the op's position in the file, used as its index when the map has none
     * @throws IllegalArgumentException naming the field and what it should have been
     */
    static Op toOp(@Nullable Object element, long position) {
        Object e = element instanceof Tagged t && t.value() instanceof Map<?, ?> ? t.value() : element;
        if (!(e instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected an op map like {:type :invoke, :process 0, :f :read}");
        }
        long index = position;
        long time = -1;
        OpType type = null;
        ProcessId process = null;
        String f = null;
        Object value = null;
        Object error = null;
        String node = null;
        Map<String, Object> extra = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            String name = name(entry.getKey());
            Object v = entry.getValue();
            switch (name) {
                case "index" -> index = number(name, v);
                case "time" -> time = number(name, v);
                case "type" -> type = type(v);
                case "process" -> process = process(v);
                case "f" -> f = requiredName(name, v);
                case "value" -> value = v;
                case "error" -> error = v;
                case "node" -> node = v == null ? null : name(v);
                default -> extra.put(name, v);
            }
        }
        if (type == null) {
            throw new IllegalArgumentException("expected a 'type' field (invoke, ok, fail or info)");
        }
        if (process == null) {
            throw new IllegalArgumentException("expected a 'process' field (a number or nemesis)");
        }
        if (f == null && isTransaction(value)) {
            // Elle's own test histories leave out :f for transactions; their value alone says what they are.
            f = "txn";
        }
        if (f == null) {
            throw new IllegalArgumentException("expected an 'f' field (the function, e.g. read)");
        }
        if (index < 0) {
            throw new IllegalArgumentException("expected 'index' to be 0 or more but it was " + index);
        }
        return new Op(index, time, type, process, f, value, error, node, Collections.unmodifiableMap(extra));
    }

    /** A value like {@code [[:append :x 1] [:r :y nil]]}: a non-empty list of micro-ops of three elements. */
    private static boolean isTransaction(@Nullable Object value) {
        return value instanceof List<?> micros
                && !micros.isEmpty()
                && micros.stream().allMatch(m -> m instanceof List<?> micro && micro.size() == 3);
    }

    static String name(@Nullable Object key) {
        return switch (key) {
            case Keyword k -> k.name();
            case String s -> s;
            case null -> "nil";
            default -> String.valueOf(key);
        };
    }

    private static String requiredName(String field, @Nullable Object v) {
        if (v instanceof Keyword || v instanceof String) {
            return name(v);
        }
        throw new IllegalArgumentException("expected '" + field + "' to be a keyword or string but it was " + v);
    }

    private static long number(String field, @Nullable Object v) {
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException("expected '" + field + "' to be an integer but it was " + v);
    }

    private static OpType type(@Nullable Object v) {
        if (v instanceof Keyword || v instanceof String) {
            return OpType.parse(name(v));
        }
        throw new IllegalArgumentException("expected 'type' to be invoke, ok, fail or info but it was " + v);
    }

    private static ProcessId process(@Nullable Object v) {
        if (v instanceof Long || v instanceof Integer) {
            long n = ((Number) v).longValue();
            if (n < 0) {
                throw new IllegalArgumentException("expected 'process' to be 0 or more but it was " + n);
            }
            return ProcessId.client(n);
        }
        if (v instanceof java.math.BigInteger big) {
            String digits = big.toString();
            throw new IllegalArgumentException("the process number "
                    + (digits.length() <= 40
                            ? digits
                            : digits.substring(0, 40) + "... (" + digits.length() + " digits)")
                    + " does not fit in a 64-bit integer (at most " + Long.MAX_VALUE + ")");
        }
        if ((v instanceof Keyword || v instanceof String) && !name(v).isEmpty()) {
            // Jepsen: any process that is not an integer (:nemesis, :nem, ...) is not a client.
            return ProcessId.named(name(v));
        }
        throw new IllegalArgumentException(
                "expected 'process' to be a number, nemesis or another keyword but it was " + v);
    }
}
