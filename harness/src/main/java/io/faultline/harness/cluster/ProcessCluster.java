package io.faultline.harness.cluster;

import io.faultline.harness.images.NodeDistribution;
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
import java.util.stream.Collectors;

/**
 * A cluster of local JVMs on loopback ports: the runtime used when no Docker engine is reachable. Kill is SIGKILL,
 * pause is SIGSTOP; each node writes its output to {@code WORKDIR/ID/node.log} and keeps its data in
 * {@code WORKDIR/ID/data} across restarts.
 */
public final class ProcessCluster implements Cluster {

    private final List<Node> nodes;

    private ProcessCluster(List<Node> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /** Starts every node and waits until all are healthy; on failure, stops what started and throws. */
    public static ProcessCluster start(ClusterSpec spec) {
        Path jar = NodeDistribution.jar();
        Map<NodeId, int[]> ports = new LinkedHashMap<>();
        for (NodeId id : spec.ids()) {
            ports.put(id, new int[] {freePort(), freePort()});
        }
        List<Node> nodes = new ArrayList<>();
        for (NodeId id : spec.ids()) {
            String peers = ports.entrySet().stream()
                    .filter(e -> !e.getKey().equals(id))
                    .map(e -> e.getKey() + "=127.0.0.1:" + e.getValue()[1])
                    .collect(Collectors.joining(","));
            List<String> args = new ArrayList<>(List.of(
                    "--id", id.name(),
                    "--http-port", Integer.toString(ports.get(id)[0]),
                    "--peer-port", Integer.toString(ports.get(id)[1]),
                    "--peers", peers,
                    "--data-dir",
                            spec.workDir().resolve(id.name()).resolve("data").toString()));
            args.addAll(spec.nodeArgs());
            Path dir = spec.workDir().resolve(id.name());
            nodes.add(new ProcessNode(
                    id,
                    jar,
                    args,
                    dir,
                    new HostPort("127.0.0.1", ports.get(id)[0]),
                    new HostPort("127.0.0.1", ports.get(id)[1]),
                    spec.readyTimeout()));
        }
        return Starter.startAll(new ProcessCluster(nodes));
    }

    @Override
    public String runtime() {
        return "processes";
    }

    @Override
    public List<Node> nodes() {
        return nodes;
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            ((ProcessNode) node).destroy();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port: " + e.getMessage(), e);
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
