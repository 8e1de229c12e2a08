package io.faultline.harness.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The programs the containers run, embedded in the harness as resources (never linked: they share no code with the
 * harness): the node jar (the bundled store) and the self-contained link-proxy jar. {@code -Dfaultline.node.jar=PATH}
 * and {@code -Dfaultline.proxy.jar=PATH} point at other builds.
 */
public final class NodeDistribution {

    static final String RESOURCE = "/faultline/node/faultline-node.jar";
    static final String PROXY_RESOURCE = "/faultline/proxy/faultline-proxy.jar";

    private NodeDistribution() {}

    /** A path to the node jar on this machine, extracting the embedded one once per content. */
    public static Path jar() {
        return extract("faultline.node.jar", RESOURCE, "faultline-node", "system-under-test's jar");
    }

    /** A path to the self-contained proxy jar ({@code io.faultline.proxy.ProxyMain}), extracted once per content. */
    public static Path proxyJar() {
        return extract("faultline.proxy.jar", PROXY_RESOURCE, "faultline-proxy", "the proxy module's standalone jar");
    }

    private static Path extract(String property, String resource, String prefix, String what) {
        String override = System.getProperty(property);
        if (override != null) {
            Path path = Path.of(override);
            if (!Files.isRegularFile(path)) {
                throw new IllegalStateException("-D" + property + "=" + override + " is not a file");
            }
            return path;
        }
        try (InputStream in = NodeDistribution.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no jar is embedded at " + resource
                        + ": build with ./mvnw package (the harness copies " + what + " in)");
            }
            Path cache = cacheDir();
            Files.createDirectories(cache);
            Path temp = Files.createTempFile(cache, prefix + "-", ".partial");
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Path target =
                    cache.resolve(prefix + "-" + new ContentHash().addFile(temp).shortHex() + ".jar");
            if (Files.exists(target)) {
                Files.delete(temp);
            } else {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + resource + ": " + e.getMessage(), e);
        }
    }

    static Path cacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("faultline");
    }
}
