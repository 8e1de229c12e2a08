package io.faultline.harness.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What to start: how many nodes, extra arguments and environment variables for the node program, where node logs
 * and data go, how long a node may take to become healthy, whether nodes reach each other through proxies, and which
 * server the containers runtime's link proxy runs ({@link ProxyImage}).
 */
public record ClusterSpec(
        int size,
        List<String> nodeArgs,
        Path workDir,
        Duration readyTimeout,
        Map<String, String> environment,
        boolean proxiedLinks,
        ProxyImage proxyImage) {

    public ClusterSpec {
        if (size < 1 || size > 50) {
            throw new IllegalArgumentException("a cluster has 1 to 50 nodes, not " + size);
        }
        nodeArgs = List.copyOf(nodeArgs);
        Objects.requireNonNull(workDir, "a cluster needs a work directory for node logs and data");
        // Absolute: a process node runs inside its own folder, where a relative path would name another place.
        workDir = workDir.toAbsolutePath().normalize();
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(proxyImage, "proxyImage: ProxyImage.Faultline for Faultline's own proxy");
    }

    public ClusterSpec(int size, List<String> nodeArgs, Path workDir, Duration readyTimeout) {
        this(size, nodeArgs, workDir, readyTimeout, Map.of(), false, new ProxyImage.Faultline());
    }

    public static ClusterSpec of(int size, Path workDir) {
        return new ClusterSpec(size, List.of(), workDir, Duration.ofSeconds(60));
    }

    public ClusterSpec withNodeArgs(String... args) {
        return new ClusterSpec(size, List.of(args), workDir, readyTimeout, environment, proxiedLinks, proxyImage);
    }

    /** The same cluster with these variables in every node program's environment. */
    public ClusterSpec withEnvironment(Map<String, String> variables) {
        return new ClusterSpec(size, nodeArgs, workDir, readyTimeout, variables, proxiedLinks, proxyImage);
    }

    /**
     * The same cluster with every directed node-to-node link through its own proxy (a Toxiproxy-compatible server),
     * so that link faults can cut, slow or reset any one of them.
     */
    public ClusterSpec withProxiedLinks() {
        return new ClusterSpec(size, nodeArgs, workDir, readyTimeout, environment, true, proxyImage);
    }

    /**
     * The same cluster with its link proxy (on the containers runtime) running this server; the process runtime refuses
     * any but {@link ProxyImage.Faultline}.
     */
    public ClusterSpec withProxyImage(ProxyImage image) {
        return new ClusterSpec(size, nodeArgs, workDir, readyTimeout, environment, proxiedLinks, image);
    }

    public List<NodeId> ids() {
        return IntStream.rangeClosed(1, size).mapToObj(NodeId::of).toList();
    }
}
