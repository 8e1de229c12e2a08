package io.faultline.harness.cluster;

/** A node did not come up; the message names it and quotes its last output. */
public final class NodeStartException extends RuntimeException {
    public NodeStartException(String message) {
        super(message);
    }
}
