package io.faultline.harness.images;

import io.faultline.proxy.ListenScope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The image every container node runs: the base, a jlink'ed Java runtime, the node jar, and the link-proxy jar (a
 * cluster with proxied links runs one more container of this image with {@link #proxyCommand()}).
 */
public record NodeImage(BaseImage base, Path nodeJar, Path proxyJar, List<String> modules) {

    /** Modules the bundled store needs at run time (jdeps of the node jar, plus what diagnostics want). */
    public static final List<String> NODE_MODULES = List.of(
            "java.base",
            "java.logging",
            "java.management",
            "java.net.http",
            "jdk.httpserver",
            "jdk.unsupported",
            "jdk.zipfs");

    /** The port a node serves clients on inside its container. */
    public static final int HTTP_PORT = 8080;
    /** The port a node serves its peers on inside its container. */
    public static final int PEER_PORT = 9090;
    /** The port the link proxy serves Toxiproxy's API on inside its container. */
    public static final int PROXY_API_PORT = 8474;

    public NodeImage {
        modules = List.copyOf(modules);
    }

    public static NodeImage defaultImage() {
        return new NodeImage(
                BaseImage.defaultImage(), NodeDistribution.jar(), NodeDistribution.proxyJar(), NODE_MODULES);
    }

    /**
     * The entrypoint of a container of this image that runs the link proxy instead of a node. Its API listens on
     * every interface of the container (published on the host's 127.0.0.1 only), and its proxies on the cluster
     * network, which a plain server refuses: hence {@code --allow-remote-listen}.
     */
    public static List<String> proxyCommand() {
        return List.of(
                "/opt/faultline/runtime/bin/java",
                "-XX:+UseSerialGC",
                "-Xss512k",
                "-jar",
                "/opt/faultline/faultline-proxy.jar",
                "--host",
                "0.0.0.0",
                "--port",
                Integer.toString(PROXY_API_PORT),
                ListenScope.FLAG);
    }

    String dockerfile() {
        return """
                FROM %s
                COPY runtime /opt/faultline/runtime
                COPY faultline-node.jar /opt/faultline/faultline-node.jar
                COPY faultline-proxy.jar /opt/faultline/faultline-proxy.jar
                ENV PATH=/opt/faultline/runtime/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                WORKDIR /var/lib/faultline
                EXPOSE %d %d
                ENTRYPOINT ["/opt/faultline/runtime/bin/java", "-XX:+UseSerialGC", "-Xss512k", "-jar", "/opt/faultline/faultline-node.jar"]
                """.formatted(base.tag(), HTTP_PORT, PEER_PORT);
    }

    public String key() {
        try {
            ContentHash hash = new ContentHash()
                    .add(base.key())
                    .add(dockerfile())
                    .add(Runtime.version().toString());
            modules.forEach(hash::add);
            return hash.addFile(nodeJar).addFile(proxyJar).shortHex();
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the node jar " + nodeJar + " or the proxy jar " + proxyJar + ": " + e.getMessage(), e);
        }
    }

    public String tag() {
        return "faultline-node:" + key();
    }
}
