package io.faultline.harness.docker;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

/**
 * The engine on this machine's Unix socket, whose published ports are on localhost. Testcontainers takes a machine
 * with {@code /.dockerenv} for a container and starts an image to find its gateway, which hangs without a registry;
 * when the engine reports this very host's name, we know better and use this strategy instead. Never persisted to
 * the user's Testcontainers configuration.
 */
public final class LocalEngineStrategy extends DockerClientProviderStrategy {

    private final Path socket;

    public LocalEngineStrategy() {
        this(DockerEngine.socketPath());
    }

    LocalEngineStrategy(Path socket) {
        this.socket = socket;
    }

    @Override
    public TransportConfig getTransportConfig() {
        return TransportConfig.builder()
                .dockerHost(URI.create("unix://" + socket))
                .build();
    }

    @Override
    public String getDescription() {
        return "the local engine at unix://" + socket + " (Faultline)";
    }

    @Override
    protected boolean isApplicable() {
        return Files.exists(socket);
    }

    @Override
    protected boolean isPersistable() {
        return false;
    }

    @Override
    public String getDockerHostIpAddress() {
        return "localhost";
    }
}
