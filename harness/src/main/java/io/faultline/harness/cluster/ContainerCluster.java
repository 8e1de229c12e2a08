package io.faultline.harness.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Network;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.Leftovers;
import io.faultline.harness.images.ImageBuilder;
import io.faultline.harness.images.NodeImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A cluster of containers (Testcontainers over docker-java) on a private network with fixed addresses, so that a
 * killed node's name and address stay valid for its peers. Every container and the network carry
 * {@link Leftovers#labels labels}, so a later run removes them if this JVM dies without closing the cluster.
 * The harness reaches nodes through ports published on 127.0.0.1; nodes reach each other on the private network.
 */
public final class ContainerCluster implements Cluster {

    private static final Logger LOG = LoggerFactory.getLogger(ContainerCluster.class);

    private final String id;
    private final String networkId;
    private final List<Node> nodes;

    private ContainerCluster(String id, String networkId, List<Node> nodes) {
        this.id = id;
        this.networkId = networkId;
        this.nodes = List.copyOf(nodes);
    }

    /** Builds the images if missing, creates the network, starts every node and waits until all are healthy. */
    public static ContainerCluster start(ClusterSpec spec) {
        DockerClient docker = Docker.client();
        NodeImage image = NodeImage.defaultImage();
        new ImageBuilder(LOG::info).ensure(image);
        String clusterId = UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> labels = Leftovers.labels(clusterId);
        String networkName = "faultline-" + clusterId;
        String[] subnet = new String[1];
        String networkId = createNetwork(docker, networkName, labels, subnet);
        List<Node> nodes = new ArrayList<>();
        List<NodeId> ids = spec.ids();
        for (int i = 0; i < ids.size(); i++) {
            NodeId nodeId = ids.get(i);
            List<String> args = new ArrayList<>(List.of(
                    "--id", nodeId.name(),
                    "--http-port", Integer.toString(NodeImage.HTTP_PORT),
                    "--peer-port", Integer.toString(NodeImage.PEER_PORT),
                    "--peers", peers(ids, nodeId, subnet[0]),
                    "--data-dir", ContainerNode.DATA_DIR));
            args.addAll(spec.nodeArgs());
            nodes.add(new ContainerNode(
                    nodeId,
                    image.tag(),
                    networkName,
                    address(subnet[0], i),
                    args,
                    "faultline-" + clusterId + "-" + nodeId,
                    labels,
                    spec));
        }
        return Starter.startAll(new ContainerCluster(clusterId, networkId, nodes));
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
        try {
            Docker.client().removeNetworkCmd(networkId).exec();
        } catch (DockerException e) {
            LOG.warn("could not remove network {} of cluster {}: {}", networkId, id, e.getMessage());
        }
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
