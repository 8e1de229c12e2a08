package io.faultline.harness.docker;

import com.github.dockerjava.api.DockerClient;
import java.util.List;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.utility.TestcontainersConfiguration;

/**
 * The one way into Docker for the harness: finds the engine, applies {@link TestcontainersSettings}, removes the
 * leftovers of crashed runs once, and hands out Testcontainers' client.
 */
public final class Docker {

    private static EngineInfo engine;
    private static List<String> leftoversRemoved = List.of();

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
            leftoversRemoved = List.copyOf(
                    Leftovers.removeOrphans(DockerClientFactory.instance().client()));
            engine = found;
        }
        return engine;
    }

    /**
     * What the first use of the engine removed (containers and networks of dead runs, {@link Leftovers}) and no
     * caller has taken yet; each line is handed out once.
     */
    public static synchronized List<String> takeLeftoversRemoved() {
        List<String> taken = leftoversRemoved;
        leftoversRemoved = List.of();
        return taken;
    }

    /** Testcontainers' shared docker-java client (never close it). */
    public static DockerClient client() {
        engine();
        return DockerClientFactory.instance().client();
    }
}
