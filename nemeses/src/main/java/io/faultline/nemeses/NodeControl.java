package io.faultline.nemeses;

import java.util.List;

/**
 * The one place where nemeses touch a cluster: the harness implements it over its containers or processes.
 * Every method returns once the change has taken effect.
 */
public interface NodeControl {

    /** Node names in order, e.g. n1..n5. */
    List<String> nodes();

    void kill(String node);

    void start(String node);

    void pause(String node);

    void resume(String node);

    /**
     * Whether the node's service answers a request within {@code within}: what proves a kill or a pause reached the
     * database itself, not only a launcher in front of it. Empty when the database offers no such check.
     */
    default java.util.Optional<Boolean> answers(String node, java.time.Duration within) {
        return java.util.Optional.empty();
    }

    /**
     * Why {@link #answers} cannot show that this node is paused, when it cannot: for example, when it only opens a
     * TCP connection, which the kernel of a stopped process still accepts. Empty when a pause shows in its answers
     * (or when there are no answers at all).
     */
    default java.util.Optional<String> pauseUnobservable(String node) {
        return java.util.Optional.empty();
    }

    /** Whether commands can run inside each node's own network namespace (containers: yes; processes: no). */
    boolean isolatedNetworks();

    /** Runs a command inside the node; only when {@link #isolatedNetworks()}. */
    CommandResult exec(String node, String... command);

    /** The address other nodes use to reach this node (an IP on the cluster network). */
    String address(String node);

    /** A TCP port this node listens on for its peers, used to prove a partition took effect. */
    int peerPort(String node);

    /**
     * The nodes that are primaries now (the Raft leader, say), as far as the database can tell; empty when it cannot
     * tell or no node is primary at the moment.
     */
    default List<String> primaries() {
        return List.of();
    }

    /**
     * The primaries now, waiting up to {@code patience} while there are none (a cluster between two leaders, or
     * still electing its first): what a nemesis aimed at "the primary" acts on. Empty when none appears in time.
     */
    default List<String> awaitPrimaries(java.time.Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> primaries = primaries();
        while (primaries.isEmpty() && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // the poll interval
            primaries = primaries();
        }
        return primaries;
    }

    /** The proxied node-to-node links, when the cluster routes its peers through proxies; empty otherwise. */
    default java.util.Optional<LinkControl> links() {
        return java.util.Optional.empty();
    }

    /** What a command printed and how it exited. */
    record CommandResult(int exitCode, String output) {
        public boolean ok() {
            return exitCode == 0;
        }
    }
}
