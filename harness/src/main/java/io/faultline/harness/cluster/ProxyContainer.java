package io.faultline.harness.cluster;

import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.ImagePull;
import io.faultline.harness.images.NodeImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The link proxy of a container cluster: a container at a fixed address on the cluster network running a
 * Toxiproxy-compatible server, either ours from the node image ({@link NodeImage#proxyCommand()}) or a Toxiproxy
 * image with its own entrypoint and command ({@link ProxyImage}). Its API (port 8474) is published on 127.0.0.1 for
 * the harness, and the start waits until {@code GET /version} answers there, which both servers do. Each directed
 * link listens on its own {@link #linkPort port} on the cluster network. Probes do not run here (a Toxiproxy image
 * has no shell) but in the {@link ProberContainer}.
 */
final class ProxyContainer {

    /** The first port of the range the links listen on inside the proxy container. */
    static final int FIRST_LINK_PORT = 20_000;

    /** How long a pull of a missing Toxiproxy image may take before the start gives up. */
    static final Duration PULL_TIMEOUT = Duration.ofSeconds(60);

    private final String ip;
    private final GenericContainer<?> container;

    /**
     * @param server which server to run
     * @param nodeImage the node image's tag (for {@link ProxyImage.Faultline})
     */
    ProxyContainer(
            ProxyImage server, String nodeImage, String network, String ip, String name, Map<String, String> labels) {
        this.ip = ip;
        String image = switch (server) {
            case ProxyImage.Faultline f -> nodeImage;
            case ProxyImage.Toxiproxy t -> t.image();
        };
        this.container = new GenericContainer<>(DockerImageName.parse(image))
                .withNetworkMode(network)
                .withExposedPorts(NodeImage.PROXY_API_PORT)
                .withLabels(labels)
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(name).withHostName("proxy").withIpv4Address(ip);
                    if (server instanceof ProxyImage.Faultline) {
                        cmd.withEntrypoint(NodeImage.proxyCommand().toArray(String[]::new))
                                .withCmd();
                    }
                    cmd.getHostConfig()
                            .withPortBindings(new PortBinding(
                                    Ports.Binding.bindIp("127.0.0.1"), ExposedPort.tcp(NodeImage.PROXY_API_PORT)));
                })
                .waitingFor(Wait.forHttp("/version")
                        .forPort(NodeImage.PROXY_API_PORT)
                        .forStatusCode(200)
                        .withStartupTimeout(Duration.ofSeconds(60)));
    }

    /**
     * Makes sure a Toxiproxy image is on this machine before anything starts: pulls it when missing, within
     * {@link #PULL_TIMEOUT}, and otherwise fails at once naming the image. Nothing to do for ours (the node image is
     * built locally).
     *
     * @throws ProxyImageUnavailableException when the image is absent and cannot be pulled
     */
    static void ensurePresent(ProxyImage server) {
        if (!(server instanceof ProxyImage.Toxiproxy(String image))) {
            return;
        }
        ImagePull.ensure(image, PULL_TIMEOUT).ifPresent(why -> {
            throw new ProxyImageUnavailableException(image, why);
        });
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

    /** Starts the container and waits until the server answers {@code GET /version}. */
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
