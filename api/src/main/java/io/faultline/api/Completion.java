package io.faultline.api;

import io.faultline.checkers.history.OpType;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * How a client op ended: {@code ok} (it took effect; value is the result), {@code fail} (it certainly did not),
 * or {@code info} (unknown: it may take effect at any later time). A timeout or a lost connection is always info.
 */
public record Completion(
        OpType type, @Nullable Object value, @Nullable Object error) {

    public Completion {
        Objects.requireNonNull(type, "type");
    }

    public static Completion ok(@Nullable Object value) {
        return new Completion(OpType.OK, value, null);
    }

    public static Completion fail(Object error) {
        return new Completion(OpType.FAIL, null, error);
    }

    public static Completion info(Object error) {
        return new Completion(OpType.INFO, null, error);
    }
}
