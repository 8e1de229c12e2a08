package io.faultline.checkers.txn;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.edn.Keyword;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step of a list-append transaction: {@code [:append k v]} or {@code [:r k [v ...]]}. Keys and elements are
 * normalised so that EDN and JSON histories of the same run compare equal: keywords become their names, integers
 * become {@link Long}.
 */
public sealed interface MicroOp permits MicroOp.Append, MicroOp.Read {

    /** The key this step touches. */
    Object key();

    /** Appends {@code value} to the list at {@code key}. */
    record Append(Object key, Object value) implements MicroOp {
        @Override
        public String toString() {
            return "append " + EdnWriter.write(key) + " " + EdnWriter.write(value);
        }
    }

    /** Reads the list at {@code key}; {@code value} is null when the read's result is unknown. */
    record Read(Object key, @Nullable List<Object> value) implements MicroOp {
        @Override
        public String toString() {
            return "r " + EdnWriter.write(key) + " " + EdnWriter.write(value);
        }
    }

    /**
     * Parses a transaction's value, a list of {@code [f k v]} with f {@code append} or {@code r}.
     *
     * @throws IllegalArgumentException naming the rule the value breaks
     */
    static List<MicroOp> parseAll(@Nullable Object value) {
        if (!(value instanceof List<?> items)) {
            throw new IllegalArgumentException(
                    "a list-append transaction is a list of micro-ops [[append k v] [r k list]], not "
                            + EdnWriter.write(value));
        }
        List<MicroOp> micros = new ArrayList<>(items.size());
        for (Object item : items) {
            if (!(item instanceof List<?> m) || m.size() != 3) {
                throw new IllegalArgumentException(
                        "a list-append micro-op has three elements [f k v], not " + EdnWriter.write(item));
            }
            Object key = normal(m.get(1));
            if (key == null) {
                throw new IllegalArgumentException(
                        "a list-append micro-op needs a key, not nil: " + EdnWriter.write(m));
            }
            String f = name(m.get(0));
            switch (f) {
                case "append" -> {
                    Object v = normal(m.get(2));
                    if (v == null) {
                        throw new IllegalArgumentException("an append needs a value, not nil: " + EdnWriter.write(m));
                    }
                    micros.add(new Append(key, v));
                }
                case "r" -> micros.add(new Read(key, list(m.get(2))));
                default ->
                    throw new IllegalArgumentException(
                            "list-append micro-ops are append or r, not " + f + ": " + EdnWriter.write(m));
            }
        }
        return List.copyOf(micros);
    }

    private static @Nullable List<Object> list(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof List<?> elements)) {
            throw new IllegalArgumentException(
                    "a list-append read returns a list or nil, not " + EdnWriter.write(value));
        }
        List<Object> out = new ArrayList<>(elements.size());
        for (Object e : elements) {
            out.add(normal(e));
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static String name(@Nullable Object f) {
        return f instanceof Keyword k ? k.name() : String.valueOf(f);
    }

    /** Keywords as their names, integers as Long: JSON and EDN readers differ in both. */
    static @Nullable Object normal(@Nullable Object value) {
        if (value instanceof Keyword k) {
            return k.name();
        }
        if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        return value;
    }
}
