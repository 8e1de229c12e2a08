package io.faultline.harness.cluster;

import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * Where the link probes of a container cluster run ({@link ExecLinkProbe}): an idle container of the node image
 * ({@code sleep infinity}) on the cluster network, started with the link proxy. It has the base image's bash and
 * Perl whatever server the proxy runs, and like the proxy it is never killed, paused or clock-shifted by a nemesis,
 * so probes work while a link's {@code from} node is down. A probe from the host could not serve: a port Docker
 * publishes accepts connections even when the link behind it is cut.
 */
final class ProberContainer {

    private final GenericContainer<?> container;

    ProberContainer(String nodeImage, String network, String ip, String name, Map<String, String> labels) {
        this.container = new GenericContainer<>(DockerImageName.parse(nodeImage))
                .withNetworkMode(network)
                .withLabels(labels)
                .withCreateContainerCmdModifier(cmd -> cmd.withName(name)
                        .withHostName("prober")
                        .withIpv4Address(ip)
                        .withEntrypoint("sleep", "infinity")
                        .withCmd())
                .waitingFor(Wait.forSuccessfulCommand("true").withStartupTimeout(Duration.ofSeconds(30)));
    }

    /** Starts the container and waits until a command runs in it. */
    void start() {
        container.start();
    }

    /** Runs a command inside the prober (the probes' {@link ExecLinkProbe.Shell}). */
    ExecResult exec(Duration timeout, String... command) {
        try {
            Container.ExecResult result = container.execInContainer(command);
            return new ExecResult(result.getExitCode(), result.getStdout(), result.getStderr());
        } catch (IOException e) {
            throw new UncheckedIOException("exec in the link prober failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(130, "", "interrupted");
        }
    }

    /** Removes the container (it has no log worth keeping). */
    void remove() {
        if (container.getContainerId() == null) {
            return;
        }
        try {
            container.stop();
        } catch (DockerException e) {
            // already gone
        }
    }
}
