package io.faultline.harness.cluster;

import io.faultline.api.HostPort;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.nemeses.LinkControl.Link;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How both runtimes lay out a db's own {@link NodeProgram}: each node's {@link NodeContext} (members are every
 * node's own peer address; peers are the link proxy's address for the link {@code self -> peer} when the cluster has
 * proxied links, else the peer's own), its environment, and the checks made before anything starts.
 */
final class ProgramNodes {

    private ProgramNodes() {}

    /**
     * The context of node {@code self}.
     *
     * @param members every node's own peer address
     * @param links the proxy address of each directed link, or an empty map when links are not proxied
     * @param clients every node's client address as the nodes reach one another
     */
    static NodeContext context(
            NodeId self,
            String runtime,
            String bindHost,
            int clientPort,
            int peerPort,
            String dataDir,
            Map<NodeId, HostPort> members,
            Map<Link, HostPort> links,
            Map<NodeId, HostPort> clients) {
        Map<String, HostPort> named = new LinkedHashMap<>();
        Map<String, HostPort> peers = new LinkedHashMap<>();
        members.forEach((id, address) -> {
            named.put(id.name(), address);
            if (!id.equals(self)) {
                peers.put(id.name(), links.getOrDefault(new Link(self.name(), id.name()), address));
            }
        });
        Map<String, HostPort> clientsByName = new LinkedHashMap<>();
        clients.forEach((id, address) -> clientsByName.put(id.name(), address));
        return new NodeContext(
                self.name(), runtime, bindHost, clientPort, peerPort, dataDir, named, peers, clientsByName);
    }

    /** The program's command line for a node, refused when empty. */
    static List<String> command(String db, NodeProgram program, NodeContext node) {
        List<String> command = List.copyOf(program.command(node));
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("the db " + db + " gave an empty command line for " + node.id());
        }
        return command;
    }

    /**
     * Refuses, before anything starts, a program whose {@link ProgramNeeds needs} this machine does not meet: by
     * default its first word, which must be an executable file (a path) or a name on the {@code PATH}.
     */
    static void requireInstalled(String db, NodeProgram program, NodeContext node) {
        command(db, program, node);
        List<String> missing = ProgramNeeds.missing(ProgramNeeds.of(program, node));
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("the db " + db + " needs " + String.join(", ", missing)
                    + ", which this machine does not have (neither on the PATH nor at that path): install it to run "
                    + db + " on local processes (or use --runtime containers, where the db's image provides it)");
        }
    }

    /**
     * The node's environment: the cluster's variables, then the program's, then the harness's own
     * ({@link NodeProcesses#environment}, which finding and removing a dead run's nodes relies on), which win.
     */
    static Map<String, String> environment(
            Map<String, String> cluster, NodeProgram program, NodeContext node, Map<String, String> harness) {
        Map<String, String> all = new LinkedHashMap<>(cluster);
        all.putAll(program.environment(node));
        all.putAll(harness);
        return all;
    }
}
