package io.faultline.checkers.txn;

import io.faultline.checkers.history.ProcessId;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One transaction of a list-append history, as the dependency analysis sees it.
 *
 * @param id dense id, in invocation order; written {@code T<id>} in explanations
 * @param process the client process that ran it
 * @param status ok, info (unknown outcome) or fail
 * @param micros what it did: for ok transactions the completion's micro-ops (reads with their results), otherwise
 *     the invocation's (reads unknown)
 * @param call position of its invocation among the history's ops (the completion's position when the history has
 *     no invocation for it: such a transaction is taken as instantaneous)
 * @param ret position of its completion, or {@link Long#MAX_VALUE} when its outcome is unknown
 * @param invokeIndex the invocation's op index (the completion's when there is no invocation)
 * @param completeIndex the completion's op index, or -1 when there is none
 */
public record Txn(
        int id,
        ProcessId process,
        Status status,
        List<MicroOp> micros,
        long call,
        long ret,
        long invokeIndex,
        long completeIndex) {

    /** How a transaction ended. */
    public enum Status {
        /** It committed; its reads are known. */
        OK,
        /** Unknown: it may have committed, at any later time. Its reads are unknown. */
        INFO,
        /** It certainly did not commit. */
        FAIL
    }

    public Txn {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(status, "status");
        micros = List.copyOf(micros);
    }

    /** {@code T3}. */
    public String name() {
        return "T" + id;
    }

    /** {@code T3 (process 1, ok, ops #6-#7): [append x 3] [r y [1 2]]}. */
    public String describe() {
        String ops = completeIndex < 0 || completeIndex == invokeIndex
                ? "op #" + (completeIndex < 0 ? invokeIndex : completeIndex)
                : "ops #" + invokeIndex + "-#" + completeIndex;
        return name() + " (process " + process + ", " + status.name().toLowerCase(java.util.Locale.ROOT) + ", "
                + ops + "): "
                + micros.stream().map(m -> "[" + m + "]").collect(Collectors.joining(" "));
    }
}
