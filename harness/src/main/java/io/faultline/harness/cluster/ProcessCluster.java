package io.faultline.harness.cluster;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.faultline.api.HostPort;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import io.faultline.harness.images.NodeDistribution;
import io.faultline.nemeses.LinkControl;
import io.faultline.nemeses.LinkControl.Link;
import io.faultline.proxy.ToxiproxyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster of local processes on loopback ports (the bundled node's JVMs, or a db's own {@link NodeProgram}): the
 * runtime used when no Docker engine is reachable. Each node leads a process group of its own; kill is SIGKILL and
 * pause SIGSTOP to the whole group. Each node writes its output to {@code WORKDIR/ID/node.log} and keeps its data in
 * {@code WORKDIR/ID/data} across restarts. With {@link ClusterSpec#proxiedLinks()}, a Toxiproxy-compatible server in this
 * JVM carries every directed node-to-node link on its own loopback port.
 */
public final class ProcessCluster implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessCluster.class);

    private final String id;
    private final List<Node> nodes;
    private final @Nullable ToxiproxyServer proxy;
    private final @Nullable ProxiedLinks links;
    private final @Nullable Reaper reaper;

    private ProcessCluster(
            String id,
            List<Node> nodes,
            @Nullable ToxiproxyServer proxy,
            @Nullable ProxiedLinks links,
            @Nullable Reaper reaper) {
        this.id = id;
        this.nodes = List.copyOf(nodes);
        this.proxy = proxy;
        this.links = links;
        this.reaper = reaper;
    }

    /**
     * Starts every node and waits until all are healthy; on failure, stops what started and throws. Refuses a
     * {@link ProxyImage.Toxiproxy} before starting anything: this runtime's proxy runs in the harness's JVM. First
     * removes the nodes of dead runs, saying so; then starts a {@link Reaper}, so that these nodes die with this JVM.
     */
    public static ProcessCluster start(ClusterSpec spec) {
        if (spec.proxyImage() instanceof ProxyImage.Toxiproxy(String image)) {
            throw new IllegalArgumentException("--toxiproxy-image " + image + " needs the containers runtime: on local"
                    + " processes the link proxy is Faultline's own, running inside the harness's JVM (use --runtime"
                    + " containers, or leave out --toxiproxy-image)");
        }
        for (NodeProcesses.NodeProcess leftover : NodeProcesses.removeOrphans()) {
            LOG.warn("removed a leftover of a dead run: {}", leftover);
        }
        String clusterId = UUID.randomUUID().toString().substring(0, 8);
        int[] free = freePorts(2 * spec.size());
        Map<NodeId, int[]> ports = new LinkedHashMap<>();
        Map<NodeId, HostPort> members = new LinkedHashMap<>();
        int next = 0;
        for (NodeId id : spec.ids()) {
            ports.put(id, new int[] {free[next++], free[next++]});
            members.put(id, new HostPort("127.0.0.1", ports.get(id)[1]));
        }
        NodeProgram program = spec.nodes() instanceof NodeSetup.Program(NodeProgram p) ? p : null;
        if (program != null) {
            NodeId first = spec.ids().getFirst();
            ProgramNodes.requireInstalled(spec.db(), program, context(spec, first, ports, members, Map.of()));
        }
        Map<String, String> environment = new LinkedHashMap<>(spec.environment());
        environment.putAll(NodeProcesses.environment(clusterId));
        ToxiproxyServer proxy = null;
        ProxiedLinks links = null;
        Map<Link, HostPort> linkAddresses = new LinkedHashMap<>();
        if (spec.proxiedLinks()) {
            proxy = startProxy();
            ToxiproxyClient client =
                    new ToxiproxyClient("127.0.0.1", proxy.apiAddress().getPort());
            Map<String, HostPort> upstreams = new LinkedHashMap<>();
            members.forEach((id, address) -> upstreams.put(id.name(), address));
            try {
                linkAddresses = ProxiedLinks.create(client, upstreams, link -> "127.0.0.1:0");
            } catch (RuntimeException e) {
                proxy.close();
                throw e;
            }
            links = new ProxiedLinks(client, List.copyOf(linkAddresses.keySet()), new SocketLinkProbe(linkAddresses));
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeId id : spec.ids()) {
            HostPort clientAddress = new HostPort("127.0.0.1", ports.get(id)[0]);
            Path dir = spec.workDir().resolve(id.name());
            if (program != null) {
                NodeContext ctx = context(spec, id, ports, members, linkAddresses);
                nodes.add(new ProcessNode(
                        id,
                        ProgramNodes.command(spec.db(), program, ctx),
                        dir,
                        clientAddress,
                        members.get(id),
                        spec.readyTimeout(),
                        ProgramNodes.environment(
                                spec.environment(), program, ctx, NodeProcesses.environment(clusterId)),
                        new Health.Probe(
                                "become ready (the db " + spec.db() + "'s NodeProgram.ready)", program::ready)));
            } else {
                nodes.add(new ProcessNode(
                        id,
                        bundledCommand(spec, id, ports, linkAddresses),
                        dir,
                        clientAddress,
                        members.get(id),
                        spec.readyTimeout(),
                        environment,
                        Health.BUNDLED));
            }
        }
        return Starter.startAll(new ProcessCluster(clusterId, nodes, proxy, links, Reaper.start(clusterId)));
    }

    /** The layout of a program node: loopback, its two ports, {@code WORKDIR/ID/data}. */
    private static NodeContext context(
            ClusterSpec spec,
            NodeId id,
            Map<NodeId, int[]> ports,
            Map<NodeId, HostPort> members,
            Map<Link, HostPort> links) {
        return ProgramNodes.context(
                id,
                "processes",
                "127.0.0.1",
                ports.get(id)[0],
                ports.get(id)[1],
                spec.workDir().resolve(id.name()).resolve("data").toString(),
                members,
                links,
                loopbackClients(ports));
    }

    /** Each node's client port on loopback. */
    private static Map<NodeId, HostPort> loopbackClients(Map<NodeId, int[]> ports) {
        Map<NodeId, HostPort> clients = new LinkedHashMap<>();
        ports.forEach((id, p) -> clients.put(id, new HostPort("127.0.0.1", p[0])));
        return clients;
    }

    /** The bundled node's JVM with its id, ports, peers (through the link proxies, if any) and data directory. */
    private static List<String> bundledCommand(
            ClusterSpec spec, NodeId id, Map<NodeId, int[]> ports, Map<Link, HostPort> via) {
        String peers = ports.entrySet().stream()
                .filter(e -> !e.getKey().equals(id))
                .map(e -> {
                    HostPort link = via.get(new Link(id.name(), e.getKey().name()));
                    return e.getKey() + "="
                            + (link != null ? link.host() + ":" + link.port() : "127.0.0.1:" + e.getValue()[1]);
                })
                .collect(Collectors.joining(","));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-Xmx256m",
                "-jar",
                NodeDistribution.jar().toString(),
                "--id",
                id.name(),
                "--http-port",
                Integer.toString(ports.get(id)[0]),
                "--peer-port",
                Integer.toString(ports.get(id)[1]),
                "--peers",
                peers,
                "--data-dir",
                spec.workDir().resolve(id.name()).resolve("data").toString()));
        command.addAll(spec.nodeArgs());
        return command;
    }

    private static ToxiproxyServer startProxy() {
        try {
            return ToxiproxyServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the link proxy: " + e.getMessage(), e);
        }
    }

    @Override
    public Optional<LinkControl> links() {
        return Optional.ofNullable(links);
    }

    @Override
    public String runtime() {
        return "processes";
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    /** The id its nodes carry in their environment ({@link NodeProcesses#CLUSTER}). */
    public String id() {
        return id;
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            ((ProcessNode) node).destroy();
        }
        // Whatever escaped its node's group (a server that started a session of its own) still carries the
        // cluster in its environment.
        for (NodeProcesses.NodeProcess escaped : NodeProcesses.ofCluster(id)) {
            if (!NodeProcesses.remove(escaped)) {
                LOG.warn("could not remove {}", escaped);
            }
        }
        if (proxy != null) {
            proxy.close();
        }
        if (reaper != null) {
            reaper.close();
        }
    }

    /**
     * Distinct free loopback ports: every socket stays bound until all are chosen, so the system cannot hand the
     * same port out twice.
     */
    private static int[] freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket();
                held.add(socket);
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException e) {
                    // closing a listening socket that was never used cannot lose anything
                }
            }
        }
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
        }
    }
}
