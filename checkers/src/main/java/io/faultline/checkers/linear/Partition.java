package io.faultline.checkers.linear;

import io.faultline.checkers.history.Operation;
import java.util.List;
import java.util.Objects;

/**
 * An independent part of a history, e.g. the operations on one key.
 *
 * @param key what the part is about, for reports ({@code ""} for a whole history)
 * @param operations its operations in invocation order
 */
public record Partition(String key, List<Operation> operations) {
    public Partition {
        Objects.requireNonNull(key, "key");
        operations = List.copyOf(operations);
    }
}
