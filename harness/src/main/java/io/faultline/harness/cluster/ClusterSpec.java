package io.faultline.harness.cluster;

import io.faultline.api.NodeSetup;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What to start: how many nodes, what they run (the bundled node with extra arguments, or a db's own
 * {@link io.faultline.api.NodeProgram}), environment variables for the node program, where node logs and data go,
 * how long a node may take to become ready, whether nodes reach each other through proxies, and which server the
 * containers runtime's link proxy runs ({@link ProxyImage}).
 *
 * @param nodes the bundled node or a program; never {@link NodeSetup.None}, which has no nodes to start
 * @param db the name of the db whose nodes these are, for messages
 */
public record ClusterSpec(
        int size,
        NodeSetup nodes,
        String db,
        Path workDir,
        Duration readyTimeout,
        Map<String, String> environment,
        boolean proxiedLinks,
        ProxyImage proxyImage) {

    /** The name of the bundled node's db, for messages about a cluster of bundled nodes. */
    public static final String BUNDLED_DB = "faultline-store";

    public ClusterSpec {
        if (size < 1 || size > 50) {
            throw new IllegalArgumentException("a cluster has 1 to 50 nodes, not " + size);
        }
        Objects.requireNonNull(nodes, "nodes");
        if (nodes instanceof NodeSetup.None) {
            throw new IllegalArgumentException("the db " + db + " has no nodes (NodeSetup.None): no cluster to start");
        }
        Objects.requireNonNull(db, "db");
        Objects.requireNonNull(workDir, "a cluster needs a work directory for node logs and data");
        // Absolute: a process node runs inside its own folder, where a relative path would name another place.
        workDir = workDir.toAbsolutePath().normalize();
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(proxyImage, "proxyImage: ProxyImage.Faultline for Faultline's own proxy");
    }

    /** Bundled nodes with these extra arguments. */
    public ClusterSpec(int size, List<String> nodeArgs, Path workDir, Duration readyTimeout) {
        this(
                size,
                NodeSetup.bundled(nodeArgs),
                BUNDLED_DB,
                workDir,
                readyTimeout,
                Map.of(),
                false,
                new ProxyImage.Faultline());
    }

    public static ClusterSpec of(int size, Path workDir) {
        return new ClusterSpec(size, List.of(), workDir, Duration.ofSeconds(60));
    }

    /** The bundled node's extra arguments; none for a db's own program. */
    public List<String> nodeArgs() {
        return nodes instanceof NodeSetup.BundledNode(List<String> args) ? args : List.of();
    }

    public ClusterSpec withNodeArgs(String... args) {
        return withNodes(BUNDLED_DB, NodeSetup.bundled(List.of(args)));
    }

    /** The same cluster running the nodes of the db {@code dbName} as {@code setup} says. */
    public ClusterSpec withNodes(String dbName, NodeSetup setup) {
        return new ClusterSpec(size, setup, dbName, workDir, readyTimeout, environment, proxiedLinks, proxyImage);
    }

    /** The same cluster with these variables in every node program's environment. */
    public ClusterSpec withEnvironment(Map<String, String> variables) {
        return new ClusterSpec(size, nodes, db, workDir, readyTimeout, variables, proxiedLinks, proxyImage);
    }

    /**
     * The same cluster with every directed node-to-node link through its own proxy (a Toxiproxy-compatible server),
     * so that link faults can cut, slow or reset any one of them.
     */
    public ClusterSpec withProxiedLinks() {
        return new ClusterSpec(size, nodes, db, workDir, readyTimeout, environment, true, proxyImage);
    }

    /**
     * The same cluster with its link proxy (on the containers runtime) running this server; the process runtime refuses
     * any but {@link ProxyImage.Faultline}.
     */
    public ClusterSpec withProxyImage(ProxyImage image) {
        return new ClusterSpec(size, nodes, db, workDir, readyTimeout, environment, proxiedLinks, image);
    }

    /** The same cluster with another wait for each node to become ready. */
    public ClusterSpec withReadyTimeout(Duration timeout) {
        return new ClusterSpec(size, nodes, db, workDir, timeout, environment, proxiedLinks, proxyImage);
    }

    public List<NodeId> ids() {
        return IntStream.rangeClosed(1, size).mapToObj(NodeId::of).toList();
    }
}
