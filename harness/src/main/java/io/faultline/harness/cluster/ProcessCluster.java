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
        int[] free = freePorts(2 * spec.size());
        Map<NodeId, int[]> ports = new LinkedHashMap<>();
        int next = 0;
        for (NodeId id : spec.ids()) {
            ports.put(id, new int[] {free[next++], free[next++]});
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
                    spec.readyTimeout(),
                    spec.environment()));
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
