package io.faultline.sut.kv;

import java.util.List;

/** A read of the store, served without writing to the log (after ReadIndex confirms the leader). */
public sealed interface Query {

    record ReadRegister(String key) implements Query {}

    /** Several registers read at one point of the log: a consistent snapshot of them. */
    record ReadRegisters(List<String> keys) implements Query {
        public ReadRegisters {
            keys = List.copyOf(keys);
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("a multi-register read needs at least one key");
            }
        }
    }

    record ReadSet(String key) implements Query {}

    record ReadCounter(String key) implements Query {}

    record ReadList(String key) implements Query {}
}
