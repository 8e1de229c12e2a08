package io.faultline.harness.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/** The image every container node runs: the base, a jlink'ed Java runtime, and the node jar. */
public record NodeImage(BaseImage base, Path nodeJar, List<String> modules) {

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

    public NodeImage {
        modules = List.copyOf(modules);
    }

    public static NodeImage defaultImage() {
        return new NodeImage(BaseImage.defaultImage(), NodeDistribution.jar(), NODE_MODULES);
    }

    String dockerfile() {
        return """
                FROM %s
                COPY runtime /opt/faultline/runtime
                COPY faultline-node.jar /opt/faultline/faultline-node.jar
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
            return hash.addFile(nodeJar).shortHex();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the node jar " + nodeJar + ": " + e.getMessage(), e);
        }
    }

    public String tag() {
        return "faultline-node:" + key();
    }
}
