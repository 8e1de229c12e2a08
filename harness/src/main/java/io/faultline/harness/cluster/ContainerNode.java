package io.faultline.harness.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import io.faultline.api.HostPort;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.images.NodeImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * A node that is a container: the node image's bundled node, or a db's own program in its image (the program's
 * command replaces the image's entrypoint). The container is created once and then started, killed and paused in
 * place; {@code docker kill} and {@code docker pause} reach every process in it.
 */
final class ContainerNode implements Node {

    /** Where the node keeps its data inside the container ({@code --data-dir}). */
    static final String DATA_DIR = "/var/lib/faultline/data";

    /**
     * What a container runs.
     *
     * @param entrypoint the command replacing the image's entrypoint (a db's program), or empty to keep it
     * @param args the arguments after the entrypoint (the bundled node's), empty for a program
     * @param probe what tells that it is ready
     */
    record Launch(
            String image,
            List<String> entrypoint,
            List<String> args,
            Map<String, String> environment,
            Health.Probe probe) {
        Launch {
            entrypoint = List.copyOf(entrypoint);
            args = List.copyOf(args);
            environment = Map.copyOf(environment);
        }

        /** The bundled node of the node image, with these arguments. */
        static Launch bundled(String image, List<String> args, Map<String, String> environment) {
            return new Launch(image, List.of(), args, environment, Health.BUNDLED);
        }
    }

    private final NodeId id;
    private final String ip;
    private final ClusterSpec spec;
    private final Health.Probe probe;
    private final GenericContainer<?> container;
    private NodeState state = NodeState.NEW;
    private HostPort client;

    ContainerNode(
            NodeId id,
            String network,
            String ip,
            Launch launch,
            String name,
            Map<String, String> labels,
            ClusterSpec spec) {
        this.id = id;
        this.ip = ip;
        this.spec = spec;
        boolean program = !launch.entrypoint().isEmpty();
        this.probe = program ? listeningInside(launch.probe()) : launch.probe();
        this.container = new GenericContainer<>(DockerImageName.parse(launch.image()))
                .withNetworkMode(network)
                .withExposedPorts(NodeImage.HTTP_PORT)
                .withLabels(labels)
                .withCommand(launch.args().toArray(String[]::new))
                .withEnv(launch.environment())
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withName(name).withHostName(id.name()).withIpv4Address(ip);
                    cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN);
                    if (program) {
                        // Docker creates a missing working directory: the program's data directory exists.
                        cmd.withEntrypoint(launch.entrypoint())
                                .withCmd(List.of())
                                .withWorkingDir(DATA_DIR);
                    }
                })
                .waitingFor(
                        program
                                ? new NoWait() // start() polls the program's own readiness
                                : Wait.forLogMessage(".*\"msg\":\"started\".*", 1)
                                        .withStartupTimeout(spec.readyTimeout()));
    }

    /**
     * A program's probe, preceded by a check inside the container that something listens on the client port. Docker's
     * port proxy accepts a connection on the published port even when nothing listens behind it, so a probe through
     * that port alone (the default {@code NodeProgram.ready}, a TCP connect) would call a node ready too soon. An image
     * without {@code nc} skips the inner check.
     */
    private Health.Probe listeningInside(Health.Probe outer) {
        String check = "command -v nc >/dev/null 2>&1 || exit 0; nc -z -w 1 127.0.0.1 " + NodeImage.HTTP_PORT;
        return new Health.Probe(
                outer.expectation() + ", after listening on " + NodeImage.HTTP_PORT + " inside its container",
                (address, within) -> {
                    try {
                        return exec(within.plusSeconds(1), "sh", "-c", check).exitCode() == 0
                                && outer.ready().test(address, within);
                    } catch (RuntimeException e) {
                        return false; // the container is not running (yet): not ready
                    }
                });
    }

    /** No wait inside Testcontainers' start: {@link #start()} waits for the node's probe through its published port. */
    private static final class NoWait extends org.testcontainers.containers.wait.strategy.AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {}
    }

    @Override
    public NodeId id() {
        return id;
    }

    @Override
    public synchronized NodeState state() {
        return state;
    }

    @Override
    public synchronized void start() {
        if (state == NodeState.RUNNING || state == NodeState.PAUSED) {
            throw new IllegalStateException(id + " is " + state + ": kill or stop it before starting it again");
        }
        if (state == NodeState.NEW) {
            container.start();
        } else {
            docker().startContainerCmd(container.getContainerId()).exec();
        }
        client = null;
        Health.await(id, this::clientAddress, spec.readyTimeout(), this::running, this::logs, probe);
        state = NodeState.RUNNING;
    }

    @Override
    public synchronized void stop() {
        if (state == NodeState.PAUSED) {
            resume();
        }
        docker().stopContainerCmd(container.getContainerId()).withTimeout(10).exec();
        state = NodeState.DOWN;
    }

    @Override
    public synchronized void kill() {
        if (running()) {
            docker().killContainerCmd(container.getContainerId())
                    .withSignal("KILL")
                    .exec();
        }
        state = NodeState.DOWN;
    }

    @Override
    public synchronized void pause() {
        requireState(NodeState.RUNNING, "pause");
        docker().pauseContainerCmd(container.getContainerId()).exec();
        state = NodeState.PAUSED;
    }

    @Override
    public synchronized void resume() {
        requireState(NodeState.PAUSED, "resume");
        docker().unpauseContainerCmd(container.getContainerId()).exec();
        state = NodeState.RUNNING;
    }

    @Override
    public ExecResult exec(Duration timeout, String... command) {
        try {
            Container.ExecResult result = container.execInContainer(command);
            return new ExecResult(result.getExitCode(), result.getStdout(), result.getStderr());
        } catch (IOException e) {
            throw new UncheckedIOException("exec on " + id + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ExecResult(130, "", "interrupted");
        }
    }

    @Override
    public String logs() {
        return container.getContainerId() == null ? "" : container.getLogs();
    }

    @Override
    public synchronized boolean copyFile(String relativePath, Path target) {
        String source = Node.inDataDir(Path.of(DATA_DIR), relativePath).toString();
        if (container.getContainerId() == null) {
            return false;
        }
        try {
            ProcessCluster.createDirectories(target.getParent());
            container.copyFileFromContainer(source, target.toString());
            return true;
        } catch (com.github.dockerjava.api.exception.NotFoundException e) {
            return false;
        } catch (RuntimeException e) {
            if (e.getCause() instanceof com.github.dockerjava.api.exception.NotFoundException) {
                return false;
            }
            throw e;
        }
    }

    /** The port Docker published for the HTTP API; it changes when a container is started again. */
    @Override
    public synchronized HostPort clientAddress() {
        if (client == null) {
            Ports.Binding[] bindings = docker().inspectContainerCmd(container.getContainerId())
                    .exec()
                    .getNetworkSettings()
                    .getPorts()
                    .getBindings()
                    .get(ExposedPort.tcp(NodeImage.HTTP_PORT));
            if (bindings == null || bindings.length == 0) {
                throw new IllegalStateException(id + " has no published HTTP port: is it running?");
            }
            client = new HostPort("127.0.0.1", Integer.parseInt(bindings[0].getHostPortSpec()));
        }
        return client;
    }

    @Override
    public HostPort peerAddress() {
        return new HostPort(ip, NodeImage.PEER_PORT);
    }

    /** Saves the logs next to the other run files and removes the container. */
    synchronized void remove() {
        if (container.getContainerId() == null) {
            return;
        }
        try {
            ProcessCluster.createDirectories(spec.workDir().resolve(id.name()));
            Files.writeString(spec.workDir().resolve(id.name()).resolve("node.log"), logs());
        } catch (IOException | RuntimeException e) {
            // the logs are a convenience; removing the container matters more
        }
        try {
            if (state == NodeState.PAUSED) {
                docker().unpauseContainerCmd(container.getContainerId()).exec();
            }
        } catch (DockerException e) {
            // already gone or not paused
        }
        container.stop();
        state = NodeState.DOWN;
    }

    @Override
    public String toString() {
        return id + "(" + state + ", " + ip + ")";
    }

    private boolean running() {
        Boolean running = docker().inspectContainerCmd(container.getContainerId())
                .exec()
                .getState()
                .getRunning();
        return Boolean.TRUE.equals(running);
    }

    private void requireState(NodeState wanted, String action) {
        if (state != wanted) {
            throw new IllegalStateException("cannot " + action + " " + id + ": it is " + state + ", not " + wanted);
        }
    }

    private static DockerClient docker() {
        return Docker.client();
    }
}
