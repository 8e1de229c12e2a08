package io.faultline.checkers.history;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An invocation paired with its completion: the unit a checker orders.
 *
 * @param id dense id within its history, in invocation order
 * @param process the client process that performed it
 * @param f the function
 * @param input the invocation's value (a write's value, a cas's {@code [from to]}, a read's usually nil)
 * @param output the completion's value (what a read returned); null when there is no completion
 * @param outcome how it ended
 * @param call the position of the invocation in the history (an ordinal, not a time)
 * @param ret the position of the completion, or {@link Long#MAX_VALUE} when the outcome is unknown: an {@code info}
 *     or never-completed operation may take effect at any later time
 * @param invocation the invoke op
 * @param completion the completion op, or null if the history ended first
 * @param invocationLine source line of the invocation (0 when not read from a file)
 * @param completionLine source line of the completion (0 when none)
 */
public record Operation(
        int id,
        ProcessId process,
        String f,
        @Nullable Object input,
        @Nullable Object output,
        Outcome outcome,
        long call,
        long ret,
        Op invocation,
        @Nullable Op completion,
        int invocationLine,
        int completionLine) {

    /** How an operation ended. */
    public enum Outcome {
        /** It took effect and returned {@code output}. */
        OK,
        /** It certainly did not take effect. */
        FAIL,
        /** Its completion was {@code info}: it may take effect at any later time, or never. */
        INFO,
        /** The history ended before it completed: the same as {@link #INFO}. */
        PENDING;

        /** True for {@link #INFO} and {@link #PENDING}: the effect is unknown. */
        public boolean isIndeterminate() {
            return this == INFO || this == PENDING;
        }
    }

    public Operation {
        Objects.requireNonNull(process, "process");
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(invocation, "invocation");
        if (ret <= call) {
            throw new IllegalArgumentException(
                    "operation " + id + " returns at " + ret + ", not after its call at " + call);
        }
    }

    /** Creates an operation directly (for tests and generated histories): positions are the ordering. */
    public static Operation of(
            int id,
            long process,
            String f,
            @Nullable Object input,
            @Nullable Object output,
            Outcome outcome,
            long call,
            long ret) {
        ProcessId p = ProcessId.client(process);
        Op inv = Op.of(call, OpType.INVOKE, p, f, input);
        Op done = outcome == Outcome.PENDING
                ? null
                : Op.of(ret == Long.MAX_VALUE ? call + 1 : ret, typeOf(outcome), p, f, output);
        return new Operation(
                id,
                p,
                f,
                input,
                output,
                outcome,
                call,
                outcome.isIndeterminate() ? Long.MAX_VALUE : ret,
                inv,
                done,
                0,
                0);
    }

    private static OpType typeOf(Outcome outcome) {
        return switch (outcome) {
            case OK -> OpType.OK;
            case FAIL -> OpType.FAIL;
            case INFO, PENDING -> OpType.INFO;
        };
    }

    /** The same operation with another id (used when a partition renumbers its operations). */
    public Operation withId(int newId) {
        return new Operation(
                newId,
                process,
                f,
                input,
                output,
                outcome,
                call,
                ret,
                invocation,
                completion,
                invocationLine,
                completionLine);
    }

    /** Where it came from: {@code line 12} or {@code lines 12-20}, or the op index when there are no lines. */
    public String where() {
        if (invocationLine <= 0) {
            return "op #" + invocation.index();
        }
        return completionLine > 0 ? "lines " + invocationLine + "-" + completionLine : "line " + invocationLine;
    }

    /**
     * In words: {@code process 3 read -> 4 (ok, lines 12-20)}; a nil input and an output that repeats the input are
     * left out ({@code process 1 write 3 (ok, lines 2-5)}).
     */
    public String describe() {
        String in = input == null ? "" : " " + io.faultline.checkers.edn.EdnWriter.write(input);
        boolean echo = java.util.Objects.equals(input, output);
        String out = outcome == Outcome.OK && !echo ? " -> " + io.faultline.checkers.edn.EdnWriter.write(output) : "";
        Object key = invocation.extra("key");
        String k = key == null ? "" : " key " + io.faultline.checkers.edn.EdnWriter.write(key);
        return "process " + process + " " + f + k + in + out + " ("
                + outcome.name().toLowerCase(java.util.Locale.ROOT) + ", " + where() + ")";
    }
}
