package io.faultline.api;

import java.util.Map;
import java.util.Objects;

/**
 * One node as the runtime lays it out, for {@link NodeProgram#command}.
 *
 * @param id the node's name, {@code n1}, {@code n2}, ...
 * @param runtime {@code "processes"} or {@code "containers"}
 * @param bindHost the address to listen on: {@code 127.0.0.1} for a local process, {@code 0.0.0.0} in a container
 * @param clientPort the port to serve clients on (the harness's clients connect to it)
 * @param peerPort the port to serve other nodes on
 * @param dataDir an absolute directory, kept across restarts of the node, for everything the program stores; files a
 *     db names in {@link Db.LogFiles} are relative to it
 * @param members every node's own peer address, this node's included, the same for every node: what a program that
 *     bootstraps from a static member list (etcd's {@code --initial-cluster}) advertises
 * @param peers the address at which this node should dial each other node: through the link proxy when the cluster
 *     has one, else the peer's own address
 */
public record NodeContext(
        String id,
        String runtime,
        String bindHost,
        int clientPort,
        int peerPort,
        String dataDir,
        Map<String, HostPort> members,
        Map<String, HostPort> peers) {

    public NodeContext {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(dataDir, "dataDir");
        members = Map.copyOf(members);
        peers = Map.copyOf(peers);
        if (!members.containsKey(id)) {
            throw new IllegalArgumentException("the members of a cluster include the node itself, " + id);
        }
    }

    /** This node's own peer address, as the other nodes know it. */
    public HostPort self() {
        return members.get(id);
    }
}
