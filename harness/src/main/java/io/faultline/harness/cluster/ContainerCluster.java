package io.faultline.harness.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.faultline.api.HostPort;
import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.Leftovers;
import io.faultline.harness.images.ImageBuilder;
import io.faultline.harness.images.NodeImage;
import io.faultline.harness.images.ProgramImage;
import io.faultline.nemeses.LinkControl;
import io.faultline.nemeses.LinkControl.Link;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster of containers (Testcontainers over docker-java) on a private network with fixed addresses, so that a
 * killed node's name and address stay valid for its peers. Every container and the network carry
 * {@link Leftovers#labels labels}, so a later run removes them if this JVM dies without closing the cluster.
 * The harness reaches nodes through ports published on 127.0.0.1; nodes reach each other on the private network, or,
 * with {@link ClusterSpec#proxiedLinks()}, through the {@link ProxyContainer link proxy} at {@code .10} (the server
 * {@link ClusterSpec#proxyImage()} names): node {@code a} reaches {@code b} at the proxy's port for the link
 * {@code a -> b}, and links are probed from the {@link ProberContainer prober} at {@code .9}.
 */
public final class ContainerCluster implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerCluster.class);

    private final String id;
    private final String networkId;
    private final List<Node> nodes;
    private final @Nullable ProxyContainer proxy;
    private final @Nullable ProberContainer prober;
    private final @Nullable ProxiedLinks links;
    private final Path workDir;

    private ContainerCluster(
            String id,
            String networkId,
            List<Node> nodes,
            @Nullable ProxyContainer proxy,
            @Nullable ProberContainer prober,
            @Nullable ProxiedLinks links,
            Path workDir) {
        this.id = id;
        this.networkId = networkId;
        this.nodes = List.copyOf(nodes);
        this.proxy = proxy;
        this.prober = prober;
        this.links = links;
        this.workDir = workDir;
    }

    /**
     * Builds the images if missing, creates the network, starts the link proxy and the prober (with
     * {@link ClusterSpec#proxiedLinks()}) and every node, and waits until all are healthy.
     *
     * @throws ProxyImageUnavailableException before anything starts, when a Toxiproxy image is asked for that is
     *     absent and cannot be pulled
     */
    public static ContainerCluster start(ClusterSpec spec) {
        DockerClient docker = Docker.client();
        if (spec.proxiedLinks()) {
            ProxyContainer.ensurePresent(spec.proxyImage());
        } else if (spec.proxyImage() instanceof ProxyImage.Toxiproxy(String image)) {
            LOG.info("the Toxiproxy image {} is not used: no link of this cluster goes through a proxy", image);
        }
        NodeProgram program = spec.nodes() instanceof NodeSetup.Program(NodeProgram p) ? p : null;
        String programImage = program == null ? null : programImage(spec.db(), program);
        NodeImage image = NodeImage.defaultImage();
        if (program == null || spec.proxiedLinks()) {
            new ImageBuilder(LOG::info).ensure(image); // the bundled node's, and the link proxy's and prober's
        }
        String clusterId = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> labels = Leftovers.labels(clusterId);
        String networkName = "faultline-" + clusterId;
        String[] subnet = new String[1];
        String networkId = createNetwork(docker, networkName, labels, subnet);
        List<NodeId> ids = spec.ids();
        ProxyContainer proxy = null;
        ProberContainer prober = null;
        ProxiedLinks links = null;
        if (spec.proxiedLinks()) {
            proxy = new ProxyContainer(
                    spec.proxyImage(),
                    image.tag(),
                    networkName,
                    proxyAddress(subnet[0]),
                    "faultline-" + clusterId + "-proxy",
                    labels);
            prober = new ProberContainer(
                    image.tag(), networkName, proberAddress(subnet[0]), "faultline-" + clusterId + "-prober", labels);
            try {
                links = startLinks(proxy, prober, ids, subnet[0]);
            } catch (RuntimeException e) {
                prober.remove();
                proxy.remove(spec.workDir());
                removeNetwork(networkId, clusterId);
                throw e;
            }
        }
        List<Node> nodes = new ArrayList<>();
        Map<NodeId, HostPort> members = new LinkedHashMap<>();
        Map<Link, HostPort> linkAddresses = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            members.put(ids.get(i), new HostPort(address(subnet[0], i), NodeImage.PEER_PORT));
            for (NodeId to : ids) {
                if (proxy != null && !to.equals(ids.get(i))) {
                    Link link = new Link(ids.get(i).name(), to.name());
                    linkAddresses.put(link, new HostPort(proxy.ip(), linkPort(ids, link)));
                }
            }
        }
        for (int i = 0; i < ids.size(); i++) {
            NodeId nodeId = ids.get(i);
            ContainerNode.Launch launch;
            if (program != null) {
                NodeContext ctx = ProgramNodes.context(
                        nodeId,
                        "containers",
                        "0.0.0.0",
                        NodeImage.HTTP_PORT,
                        NodeImage.PEER_PORT,
                        ContainerNode.DATA_DIR,
                        members,
                        linkAddresses,
                        inClusterClients(members));
                Map<String, String> environment = new LinkedHashMap<>(spec.environment());
                environment.putAll(program.environment(ctx));
                launch = new ContainerNode.Launch(
                        programImage,
                        ProgramNodes.command(spec.db(), program, ctx),
                        List.of(),
                        environment,
                        new Health.Probe(
                                "become ready (the db " + spec.db() + "'s NodeProgram.ready)", program::ready));
            } else {
                String peers = proxy != null ? proxiedPeers(ids, nodeId, proxy.ip()) : peers(ids, nodeId, subnet[0]);
                List<String> args = new ArrayList<>(List.of(
                        "--id", nodeId.name(),
                        "--http-port", Integer.toString(NodeImage.HTTP_PORT),
                        "--peer-port", Integer.toString(NodeImage.PEER_PORT),
                        "--peers", peers,
                        "--data-dir", ContainerNode.DATA_DIR));
                args.addAll(spec.nodeArgs());
                launch = ContainerNode.Launch.bundled(image.tag(), args, spec.environment());
            }
            nodes.add(new ContainerNode(
                    nodeId,
                    networkName,
                    address(subnet[0], i),
                    launch,
                    "faultline-" + clusterId + "-" + nodeId,
                    labels,
                    spec));
        }
        return Starter.startAll(
                new ContainerCluster(clusterId, networkId, nodes, proxy, prober, links, spec.workDir()));
    }

    /**
     * The image a db's program runs in: built from its Debian recipe when missing, or the local image it names.
     * Refuses, before anything starts, a program without an image and a local image the engine does not have.
     */
    private static String programImage(String db, NodeProgram program) {
        ImageRecipe recipe = program.image()
                .orElseThrow(() -> new IllegalArgumentException("the db " + db + " has no image for the containers"
                        + " runtime (its NodeProgram.image() is empty): it runs only as local processes, so use"
                        + " --runtime processes, or give its program an ImageRecipe"));
        ImageBuilder builder = new ImageBuilder(LOG::info);
        return switch (recipe) {
            case ImageRecipe.DebianPackages debian -> {
                ProgramImage image = ProgramImage.of(debian);
                builder.ensure(image);
                yield image.tag();
            }
            case ImageRecipe.LocalImage(String tag) -> {
                if (!builder.present(tag)) {
                    throw new IllegalArgumentException("the db " + db + " runs in the image " + tag + ", which this"
                            + " Docker engine does not have (images are never pulled): build or load it first");
                }
                yield tag;
            }
        };
    }

    /**
     * Starts the proxy and prober containers and creates one proxy per directed link, listening on its
     * {@code linkPort}; probes run in the prober.
     */
    private static ProxiedLinks startLinks(
            ProxyContainer proxy, ProberContainer prober, List<NodeId> ids, String subnet) {
        proxy.start();
        prober.start();
        ToxiproxyClient client = proxy.client();
        Map<String, HostPort> upstreams = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            upstreams.put(ids.get(i).name(), new HostPort(address(subnet, i), NodeImage.PEER_PORT));
        }
        Map<Link, HostPort> listening =
                ProxiedLinks.create(client, upstreams, link -> "0.0.0.0:" + linkPort(ids, link));
        Map<Link, HostPort> inCluster = new LinkedHashMap<>();
        listening.keySet().forEach(link -> inCluster.put(link, new HostPort(proxy.ip(), linkPort(ids, link))));
        return new ProxiedLinks(client, List.copyOf(inCluster.keySet()), new ExecLinkProbe(inCluster, prober::exec));
    }

    private static int linkPort(List<NodeId> ids, Link link) {
        return ProxyContainer.linkPort(
                ids.indexOf(new NodeId(link.from())) + 1, ids.indexOf(new NodeId(link.to())) + 1);
    }

    @Override
    public Optional<LinkControl> links() {
        return Optional.ofNullable(links);
    }

    @Override
    public String runtime() {
        return "containers";
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            ((ContainerNode) node).remove();
        }
        if (prober != null) {
            prober.remove();
        }
        if (proxy != null) {
            proxy.remove(workDir);
        }
        removeNetwork(networkId, id);
    }

    private static void removeNetwork(String networkId, String clusterId) {
        try {
            Docker.client().removeNetworkCmd(networkId).exec();
        } catch (DockerException e) {
            LOG.warn("could not remove network {} of cluster {}: {}", networkId, clusterId, e.getMessage());
        }
    }

    /** Each node's client port at its address on the cluster's network. */
    private static Map<NodeId, HostPort> inClusterClients(Map<NodeId, HostPort> members) {
        Map<NodeId, HostPort> clients = new LinkedHashMap<>();
        members.forEach((id, peer) -> clients.put(id, new HostPort(peer.host(), NodeImage.HTTP_PORT)));
        return clients;
    }

    /** The address of the link proxy in the cluster's /24: .10, just below the nodes'. */
    static String proxyAddress(String subnet) {
        return subnet.substring(0, subnet.lastIndexOf('.')) + ".10";
    }

    /** Every peer of {@code self} through the proxy of the link {@code self -> peer}. */
    private static String proxiedPeers(List<NodeId> ids, NodeId self, String proxyIp) {
        List<String> parts = new ArrayList<>();
        for (NodeId peer : ids) {
            if (!peer.equals(self)) {
                parts.add(peer + "=" + proxyIp + ":" + linkPort(ids, new Link(self.name(), peer.name())));
            }
        }
        return String.join(",", parts);
    }

    /** The address of the link prober in the cluster's /24: .9, just below the proxy. */
    static String proberAddress(String subnet) {
        return subnet.substring(0, subnet.lastIndexOf('.')) + ".9";
    }

    /** The address of the i-th node (from 0) in a /24 subnet such as {@code 10.211.7.0/24}: .11, .12, ... */
    static String address(String subnet, int index) {
        String prefix = subnet.substring(0, subnet.lastIndexOf('.'));
        return prefix + "." + (11 + index);
    }

    private static String peers(List<NodeId> ids, NodeId self, String subnet) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!ids.get(i).equals(self)) {
                parts.add(ids.get(i) + "=" + address(subnet, i) + ":" + NodeImage.PEER_PORT);
            }
        }
        return String.join(",", parts);
    }

    /** Creates a bridge network on a free random /24 in 10.200.0.0 to 10.250.255.0; retries when a pool overlaps. */
    private static String createNetwork(DockerClient docker, String name, Map<String, String> labels, String[] subnet) {
        DockerException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            String candidate = "10." + random.nextInt(200, 251) + "." + random.nextInt(0, 256) + ".0/24";
            try {
                String networkId = docker.createNetworkCmd()
                        .withName(name)
                        .withDriver("bridge")
                        .withCheckDuplicate(true)
                        .withLabels(labels)
                        .withIpam(new Network.Ipam().withConfig(new Network.Ipam.Config().withSubnet(candidate)))
                        .exec()
                        .getId();
                subnet[0] = candidate;
                return networkId;
            } catch (DockerException e) {
                last = e;
                LOG.debug("subnet {} not usable: {}", candidate, e.getMessage());
            }
        }
        throw new NodeStartException("could not create a network for the cluster after 20 subnets: " + last);
    }
}
