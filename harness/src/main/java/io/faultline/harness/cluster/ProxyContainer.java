package io.faultline.harness.cluster;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.images.NodeImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The link proxy of a container cluster: a container of the node image running our Toxiproxy-compatible server
 * ({@link NodeImage#proxyCommand()}) at a fixed address on the cluster network. Its API is published on
 * 127.0.0.1 for the harness; each directed link listens on its own {@link #linkPort port} on the cluster network.
 */
final class ProxyContainer {

    /** The first port of the range the links listen on inside the proxy container. */
    static final int FIRST_LINK_PORT = 20_000;

    private final String ip;
    private final GenericContainer<?> container;

    ProxyContainer(String image, String network, String ip, String name, Map<String, String> labels) {
        this.ip = ip;
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode(network)
                .withExposedPorts(NodeImage.PROXY_API_PORT)
                .withLabels(labels)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(name)
                            .withHostName("proxy")
                            .withIpv4Address(ip)
                            .withEntrypoint(NodeImage.proxyCommand().toArray(String[]::new))
                            .withCmd();
                    cmd.getHostConfig()
                            .withPortBindings(new PortBinding(
                                    Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(NodeImage.PROXY_API_PORT)));
                })
                .waitingFor(Wait.forLogMessage(".*listening on http.*", 1).withStartupTimeout(Duration.ofSeconds(60)));
    }

    /**
     * The port the link from the {@code from}-th node to the {@code to}-th (both counted from 1) listens on: 20102 for
     * n1 to n2, so a port names its link.
     */
    static int linkPort(int from, int to) {
        if (from < 1 || to < 1 || from > 99 || to > 99 || from == to) {
            throw new IllegalArgumentException("a link joins two different nodes 1..99, not " + from + " and " + to);
        }
        return FIRST_LINK_PORT + 100 * from + to;
    }

    /** Starts the container and waits until the server listens. */
    void start() {
        container.start();
    }

    String ip() {
        return ip;
    }

    /** A client of the server's API through the port published on 127.0.0.1. */
    ToxiproxyClient client() {
        Ports.Binding[] bindings = Docker.client()
                .inspectContainerCmd(container.getContainerId())
                .exec()
                .getNetworkSettings()
                .getPorts()
                .getBindings()
                .get(ExposedPort.tcp(NodeImage.PROXY_API_PORT));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException("the link proxy has no published API port: is it running?");
        }
        return new ToxiproxyClient("127.0.0.1", Integer.parseInt(bindings[0].getHostPortSpec()));
    }

    /** Runs a command inside the proxy container (the probes start there). */
    ExecResult exec(Duration timeout, String... command) {
        try {
            Container.ExecResult result = container.execInContainer(command);
            return new ExecResult(result.getExitCode(), result.getStdout(), result.getStderr());
        } catch (IOException e) {
            throw new UncheckedIOException("exec in the link proxy failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(130, "", "interrupted");
        }
    }

    /** Saves the server's log as {@code WORKDIR/proxy/proxy.log} and removes the container. */
    void remove(Path workDir) {
        if (container.getContainerId() == null) {
            return;
        }
        try {
            ProcessCluster.createDirectories(workDir.resolve("proxy"));
            Files.writeString(workDir.resolve("proxy").resolve("proxy.log"), container.getLogs());
        } catch (IOException | RuntimeException e) {
            // the log is a convenience; removing the container matters more
        }
        try {
            container.stop();
        } catch (DockerException e) {
            // already gone
        }
    }
}
