package io.faultline.harness.cluster;

import java.time.Duration;

/**
 * One node of a {@link Cluster}: a process or a container running the node program. Every method is synchronous:
 * when it returns, the change has taken effect (a started node answers its health check, a killed one is gone, a
 * paused one is frozen).
 */
public interface Node {

    NodeId id();

    NodeState state();

    /** Starts the node (again, after {@link #stop()} or {@link #kill()}), keeping its data; waits until it is healthy. */
    void start();

    /** Asks the node to shut down (SIGTERM) and waits for it to exit. */
    void stop();

    /** Kills the node at once (SIGKILL): nothing it had not made durable survives. */
    void kill();

    /** Freezes the node (SIGSTOP, or {@code docker pause}): its sockets stay open but it answers nothing. */
    void pause();

    /** Thaws a paused node. */
    void resume();

    /** Kills the node and starts it again. */
    default void restart() {
        if (state() == NodeState.PAUSED) {
            resume();
        }
        if (state() == NodeState.RUNNING) {
            kill();
        }
        start();
    }

    /**
     * Runs a command on the node: inside its container, or for a process node on this machine (it shares the host's
     * network and tools).
     */
    ExecResult exec(Duration timeout, String... command);

    /** Everything the node has written to stdout and stderr, across restarts. */
    String logs();

    /** Where the harness (clients, health checks) reaches the node's HTTP API. */
    HostPort clientAddress();

    /** Where other nodes reach this node's peer port. */
    HostPort peerAddress();
}
