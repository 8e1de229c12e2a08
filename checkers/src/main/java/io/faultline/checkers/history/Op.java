package io.faultline.checkers.history;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One line of a history, with Jepsen's fields.
 *
 * <p>Values ({@code value}, {@code error} and the {@code extra} fields) are plain Java values as {@link
 * io.faultline.checkers.edn.EdnReader} produces them: {@code null}, {@link Long}, {@link Double}, {@link String},
 * {@link Boolean}, {@link io.faultline.checkers.edn.Keyword}, {@link java.util.List}, {@link java.util.Set} and
 * {@link java.util.Map}. JSON histories give the same types minus keywords and sets.
 *
 * @param index the op's position in the history, dense from 0
 * @param time nanoseconds since the test started, or -1 when the history does not say
 * @param type invoke, ok, fail or info
 * @param process the client process or the nemesis
 * @param f the function, e.g. {@code read}, {@code write}, {@code cas}, {@code txn}
 * @param value the argument (on invoke) or the result (on completion); may be null
 * @param error why it failed or is unknown, when the history says; may be null
 * @param node the node the op was sent to, when known; may be null
 * @param extra any other fields (e.g. Porcupine's {@code key}), by name, in the order read
 */
public record Op(
        long index,
        long time,
        OpType type,
        ProcessId process,
        String f,
        @Nullable Object value,
        @Nullable Object error,
        @Nullable String node,
        Map<String, Object> extra) {

    public Op {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(extra, "extra");
        if (index < 0) {
            throw new IllegalArgumentException("an op index is 0 or more, not " + index);
        }
    }

    /** An op with only the fields every op has. */
    public static Op of(long index, OpType type, ProcessId process, String f, @Nullable Object value) {
        return new Op(index, -1, type, process, f, value, null, null, Map.of());
    }

    /** The same op with another index. */
    public Op withIndex(long newIndex) {
        return new Op(newIndex, time, type, process, f, value, error, node, extra);
    }

    /** An extra field by name, or null. */
    public @Nullable Object extra(String name) {
        return extra.get(name);
    }

    /** A short human description: {@code #12 p3 ok read 4}. */
    public String describe() {
        return "#" + index + " p" + process + " " + type.label() + " " + f + " "
                + io.faultline.checkers.edn.EdnWriter.write(value)
                + (extra.containsKey("key")
                        ? " key " + io.faultline.checkers.edn.EdnWriter.write(extra.get("key"))
                        : "");
    }
}
