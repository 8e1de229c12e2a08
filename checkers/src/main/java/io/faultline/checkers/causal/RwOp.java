package io.faultline.checkers.causal;

import io.faultline.checkers.edn.EdnWriter;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One operation of a read/write register history grouped by session.
 *
 * @param id dense id over the whole history
 * @param session the session's index in {@link RwHistory#sessions()}
 * @param write true for {@code write(key, value)}, false for a read that returned {@code value}
 * @param key the register
 * @param value the value written or read; null is the initial value
 * @param where where it came from: {@code session a, op 2} or {@code op #14}
 */
public record RwOp(
        int id,
        int session,
        boolean write,
        Object key,
        @Nullable Object value,
        String where) {

    public RwOp {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(where, "where");
    }

    /** {@code wr(x, 1)} or {@code rd(x) = 1} ({@code rd(x) = init} for the initial value). */
    public String describe() {
        String k = EdnWriter.write(key);
        return write
                ? "wr(" + k + ", " + EdnWriter.write(value) + ")"
                : "rd(" + k + ") = " + (value == null ? "init" : EdnWriter.write(value));
    }

    /** {@code wr(x, 1) [session a, op 0]}. */
    @Override
    public String toString() {
        return describe() + " [" + where + "]";
    }
}
