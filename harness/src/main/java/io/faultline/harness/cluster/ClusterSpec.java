package io.faultline.harness.cluster;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * What to start: how many nodes, extra arguments and environment variables for the node program, where node logs
 * and data go, and how long a node may take to become healthy.
 */
public record ClusterSpec(
        int size, List<String> nodeArgs, Path workDir, Duration readyTimeout, Map<String, String> environment) {

    public ClusterSpec {
        if (size < 1 || size > 50) {
            throw new IllegalArgumentException("a cluster has 1 to 50 nodes, not " + size);
        }
        nodeArgs = List.copyOf(nodeArgs);
        Objects.requireNonNull(workDir, "a cluster needs a work directory for node logs and data");
        Objects.requireNonNull(readyTimeout, "readyTimeout");
        environment = Map.copyOf(environment);
    }

    public ClusterSpec(int size, List<String> nodeArgs, Path workDir, Duration readyTimeout) {
        this(size, nodeArgs, workDir, readyTimeout, Map.of());
    }

    public static ClusterSpec of(int size, Path workDir) {
        return new ClusterSpec(size, List.of(), workDir, Duration.ofSeconds(60));
    }

    public ClusterSpec withNodeArgs(String... args) {
        return new ClusterSpec(size, List.of(args), workDir, readyTimeout, environment);
    }

    /** The same cluster with these variables in every node program's environment. */
    public ClusterSpec withEnvironment(Map<String, String> variables) {
        return new ClusterSpec(size, nodeArgs, workDir, readyTimeout, variables);
    }

    public List<NodeId> ids() {
        return IntStream.rangeClosed(1, size).mapToObj(NodeId::of).toList();
    }
}
