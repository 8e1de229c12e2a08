package io.faultline.sut.quorum;

/** The end of a client's read or write on a {@link QuorumNode}, named by the request id the driver gave it. */
public sealed interface Completion {

    long requestId();

    /** A read that is done: {@code seen} is on {@code w} replicas (with write-back) and is what the client gets. */
    record ReadDone(long requestId, Versioned seen) implements Completion {}

    /** A write that is done: its value is on {@code w} replicas with {@code version}. */
    record WriteDone(long requestId, Version version) implements Completion {}

    /**
     * An operation given up after {@code timeoutTicks}. A timed-out write is indeterminate (its value may be on some
     * replicas and may yet win); a timed-out read did not happen.
     */
    record TimedOut(long requestId, boolean write, String why) implements Completion {}
}
