package io.faultline.sut.kv;

import io.faultline.sut.json.JsonValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    /**
     * Sets several registers at once, only if every register in {@code expect} holds its expected value (null JSON
     * for an absent key): an etcd-style guarded transaction, used by the bank workload to move money.
     */
    record GuardedWrite(Map<String, JsonValue> expect, Map<String, JsonValue> writes) implements Command {
        public GuardedWrite {
            expect = Collections.unmodifiableMap(new LinkedHashMap<>(expect));
            writes = Collections.unmodifiableMap(new LinkedHashMap<>(writes));
            if (writes.isEmpty()) {
                throw new IllegalArgumentException("a guarded write needs at least one register to write");
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
