package io.faultline.harness.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The node program's jar: the bundled store, embedded in the harness as a resource (never linked: the store shares
 * no code with the harness). {@code -Dfaultline.node.jar=PATH} points at another build.
 */
public final class NodeDistribution {

    static final String RESOURCE = "/faultline/node/faultline-node.jar";

    private NodeDistribution() {}

    /** A path to the node jar on this machine, extracting the embedded one once per content. */
    public static Path jar() {
        String override = System.getProperty("faultline.node.jar");
        if (override != null) {
            Path path = Path.of(override);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("-Dfaultline.node.jar=" + override + " is not a file");
            }
            return path;
        }
        try (InputStream in = NodeDistribution.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the node jar is not embedded at " + RESOURCE
                        + ": build with ./mvnw package (the harness copies system-under-test's jar in)");
            }
            Path cache = cacheDir();
            Files.createDirectories(cache);
            Path temp = Files.createTempFile(cache, "node-", ".jar");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Path target = cache.resolve(
                    "faultline-node-" + new ContentHash().addFile(temp).shortHex() + ".jar");
            if (Files.exists(target)) {
                Files.delete(temp);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the node jar: " + e.getMessage(), e);
        }
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("faultline");
    }
}
