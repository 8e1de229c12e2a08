package io.faultline.harness.cluster;

import io.faultline.api.HostPort;
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

    /**
     * Copies a file from the node's data directory ({@code --data-dir}: {@code WORKDIR/ID/data} for a process,
     * {@code /var/lib/faultline/data} in a container) to {@code target}, even while the node is down or paused.
     *
     * @param relativePath a path inside the data directory, without {@code ..}
     * @return false when the node has no such file
     */
    boolean copyFile(String relativePath, java.nio.file.Path target);

    /** {@code relativePath} inside {@code dataDir}, refusing absolute paths and any that climb out with {@code ..}. */
    static java.nio.file.Path inDataDir(java.nio.file.Path dataDir, String relativePath) {
        java.nio.file.Path relative = java.nio.file.Path.of(relativePath);
        java.nio.file.Path resolved = dataDir.resolve(relative).normalize();
        if (relative.isAbsolute() || !resolved.startsWith(dataDir.normalize())) {
            throw new IllegalArgumentException(
                    "a node file must be a path inside the node's data directory, not " + relativePath);
        }
        return resolved;
    }

    /** Where the harness (clients, health checks) reaches the node's HTTP API. */
    HostPort clientAddress();

    /** Where other nodes reach this node's peer port. */
    HostPort peerAddress();
}
