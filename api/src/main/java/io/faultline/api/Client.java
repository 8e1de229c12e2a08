package io.faultline.api;

import io.faultline.workloads.generator.Invocation;

/**
 * Performs a workload's ops against one node of a system. A client serves one process at a time; after an op ends
 * in {@code info} (or times out) the harness closes it and opens a fresh one for the worker's next process.
 *
 * <p>Contract: return {@code fail} only when the op certainly did not take effect; anything uncertain (a timeout,
 * a lost connection, an error the system calls indefinite) is {@code info}. An exception thrown by
 * {@link #invoke} is recorded as {@code info} with the exception as its error. Opening a client must not change
 * the system's state.
 */
public interface Client extends AutoCloseable {

    Completion invoke(Invocation op) throws Exception;

    @Override
    default void close() {}
}
