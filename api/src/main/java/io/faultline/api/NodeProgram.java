package io.faultline.api;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A database's own node program. The harness lays out each node ({@link NodeContext}: its id, ports, data directory
 * and peers), asks for its command line, starts it in a process group of its own (local processes) or a container of
 * its own (containers), and waits until {@link #ready} answers. A kill or pause hits the whole group or container, so
 * a launcher script and the server it starts are hit together; a program that leaves its group (for example one
 * that daemonizes) escapes them, and the harness reports such a fault as not verified.
 */
public interface NodeProgram {

    /**
     * The node's command line; its first word is the program, looked up on the {@code PATH} of this machine (local
     * processes) or of the image (containers). It must run in the foreground and keep its data in
     * {@link NodeContext#dataDir()}.
     */
    List<String> command(NodeContext node);

    /**
     * What the process runtime needs on this machine: program names looked up on {@code PATH}, or absolute paths
     * that must exist. Empty (the default) means the command's first word. {@code ./faultline doctor} reports each
     * for every installed plugin, and a run on local processes refuses a missing one before starting, naming it.
     */
    default List<String> needs() {
        return List.of();
    }

    /** Variables added to the node's environment. */
    default Map<String, String> environment(NodeContext node) {
        return Map.of();
    }

    /**
     * The image the containers runtime runs this program in; empty when the program runs only as local processes
     * (the containers runtime then refuses the db before starting anything, naming it).
     */
    default Optional<ImageRecipe> image() {
        return Optional.empty();
    }

    /**
     * Whether the program dials each peer at the address {@link NodeContext#peers()} gives it. Then the harness can
     * put a proxy on every node-to-node link, and link faults (latency, bandwidth, cut links) apply. A program that
     * dials the addresses its peers advertise ({@link NodeContext#members()}) answers false: link faults are refused
     * for it, naming the db, and partitions use packet filters instead.
     */
    default boolean dialsGivenPeers() {
        return true;
    }

    /**
     * Whether a started node is ready for clients; polled until it answers true or the start times out. By default,
     * whether its client port accepts a TCP connection. Never throws for a node that is not ready.
     */
    default boolean ready(HostPort client, Duration within) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(client.host(), client.port()), (int) Math.max(1, within.toMillis()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
