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
 * @param clients every node's client address as the nodes reach one another (this node's included), for a program
 *     whose nodes talk on the client port, such as a replica following its primary; never through a link proxy
 */
public record NodeContext(
        String id,
        String runtime,
        String bindHost,
        int clientPort,
        int peerPort,
        String dataDir,
        Map<String, HostPort> members,
        Map<String, HostPort> peers,
        Map<String, HostPort> clients) {

    public NodeContext {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(bindHost, "bindHost");
        Objects.requireNonNull(dataDir, "dataDir");
        members = Map.copyOf(members);
        peers = Map.copyOf(peers);
        clients = Map.copyOf(clients);
        if (!members.containsKey(id)) {
            throw new IllegalArgumentException("the members of a cluster include the node itself, " + id);
        }
    }

    /**
     * A node laid out with its client port reachable at the same host as its peer port: {@code clients} derived from
     * {@code members} and the one client port every node shares (as in containers).
     */
    public NodeContext(
            String id,
            String runtime,
            String bindHost,
            int clientPort,
            int peerPort,
            String dataDir,
            Map<String, HostPort> members,
            Map<String, HostPort> peers) {
        this(id, runtime, bindHost, clientPort, peerPort, dataDir, members, peers, sameClientPort(members, clientPort));
    }

    private static Map<String, HostPort> sameClientPort(Map<String, HostPort> members, int clientPort) {
        Map<String, HostPort> clients = new java.util.LinkedHashMap<>();
        members.forEach((node, peer) -> clients.put(node, new HostPort(peer.host(), clientPort)));
        return clients;
    }

    /** This node's own peer address, as the other nodes know it. */
    public HostPort self() {
        return members.get(id);
    }
}
