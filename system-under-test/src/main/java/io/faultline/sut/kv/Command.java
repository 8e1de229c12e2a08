package io.faultline.sut.kv;

import io.faultline.sut.json.JsonValue;
import java.util.List;

/** A change to the store, replicated through the Raft log. Values are arbitrary JSON. */
public sealed interface Command {

    /** Sets a register. */
    record Write(String key, JsonValue value) implements Command {}

    /** Sets a register to {@code to} only if it currently holds {@code from} (null for an absent key). */
    record Cas(String key, JsonValue from, JsonValue to) implements Command {}

    /** Applies append and read micro-operations on lists atomically, in order. */
    record Txn(List<MicroOp> ops) implements Command {
        public Txn {
            ops = List.copyOf(ops);
            if (ops.isEmpty()) {
                throw new IllegalArgumentException("a transaction needs at least one micro-operation");
            }
        }
    }

    /** Adds an element to a set. */
    record SetAdd(String key, JsonValue element) implements Command {}

    /** Adds a (possibly negative) amount to a counter. */
    record CounterAdd(String key, long delta) implements Command {}

    /** One step of a {@link Txn}. */
    sealed interface MicroOp {
        String key();
    }

    record Append(String key, JsonValue value) implements MicroOp {}

    record ReadList(String key) implements MicroOp {}
}
