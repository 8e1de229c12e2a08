package io.faultline.harness.docker;

import com.github.dockerjava.api.DockerClient;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The one way into Docker for the harness: finds the engine, applies {@link TestcontainersSettings}, removes the
 * leftovers of crashed runs once, and hands out Testcontainers' client.
 */
public final class Docker {

    private static EngineInfo engine;

    private Docker() {}

    /** True when an engine answers; cheap, and never waits on Testcontainers' discovery. */
    public static boolean available() {
        return DockerEngine.probe().isPresent();
    }

    /** The engine, configured for Testcontainers; throws {@link DockerUnavailableException} with the fix when absent. */
    public static synchronized EngineInfo engine() {
        if (engine == null) {
            EngineInfo found = DockerEngine.probe()
                    .orElseThrow(() -> new DockerUnavailableException(DockerEngine.whyUnreachable()));
            String ryuk = TestcontainersConfiguration.getInstance().getRyukImage();
            TestcontainersSettings.apply(found, DockerEngine.imagePresent(ryuk));
            Leftovers.removeOrphans(DockerClientFactory.instance().client());
            engine = found;
        }
        return engine;
    }

    /** Testcontainers' shared docker-java client (never close it). */
    public static DockerClient client() {
        engine();
        return DockerClientFactory.instance().client();
    }
}
