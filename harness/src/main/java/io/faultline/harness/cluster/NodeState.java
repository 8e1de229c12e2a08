package io.faultline.harness.cluster;

/** The lifecycle state of a node, as the harness last left it. */
public enum NodeState {
    /** Created, never started. */
    NEW,
    /** Started and not paused. */
    RUNNING,
    /** Frozen with SIGSTOP or {@code docker pause}: connections open, nothing answers. */
    PAUSED,
    /** Stopped gracefully or killed; {@link Node#start()} brings it back with its data. */
    DOWN
}
