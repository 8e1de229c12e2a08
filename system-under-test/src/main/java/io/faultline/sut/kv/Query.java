package io.faultline.sut.kv;

/** A read of the store, served without writing to the log (after ReadIndex confirms the leader). */
public sealed interface Query {

    record ReadRegister(String key) implements Query {}

    record ReadSet(String key) implements Query {}

    record ReadCounter(String key) implements Query {}

    record ReadList(String key) implements Query {}
}
