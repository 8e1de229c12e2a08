package io.faultline.harness.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.images.ImageBuilder;
import io.faultline.harness.images.NodeImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * A local stand-in for Shopify's {@code ghcr.io/shopify/toxiproxy}, which cannot be pulled here: an image whose
 * ENTRYPOINT is a {@code /toxiproxy} that takes Toxiproxy's Go-style flags ({@code -host=0.0.0.0}, {@code -port=8474};
 * like Toxiproxy it listens on {@code localhost} unless told otherwise) and runs Faultline's proxy, whose CMD is the
 * one Shopify's image has ({@code -host=0.0.0.0}), and which has no Perl. So a harness that overrode the image's
 * command, or probed from inside the proxy container, would fail against it as it would against Shopify's.
 */
public final class ToxiproxyLookalike {

    /** Go's flag package accepts {@code -flag=value}, {@code --flag=value} and {@code -flag value}. */
    static final String SCRIPT = """
            #!/bin/bash
            # A stand-in for Shopify's /toxiproxy: its flags, then Faultline's Toxiproxy-compatible server.
            host=localhost
            port=8474
            while [ $# -gt 0 ]; do
              case "$1" in
                -host=*|--host=*) host="${1#*=}" ;;
                -port=*|--port=*) port="${1#*=}" ;;
                -host|--host) host="$2"; shift ;;
                -port|--port) port="$2"; shift ;;
                *) echo "flag provided but not defined: $1" >&2; exit 2 ;;
              esac
              shift
            done
            exec /opt/faultline/runtime/bin/java -XX:+UseSerialGC -Xss512k -jar /opt/faultline/faultline-proxy.jar \\
              --host "$host" --port "$port" --allow-remote-listen
            """;

    private ToxiproxyLookalike() {}

    /** Builds the image from the current node image when missing, and answers its tag. */
    public static synchronized String ensure() {
        NodeImage node = NodeImage.defaultImage();
        new ImageBuilder(line -> {}).ensure(node);
        String dockerfile = """
                FROM %s
                COPY toxiproxy /toxiproxy
                RUN rm -f /usr/bin/perl* && if command -v perl; then echo "perl is still here" >&2; exit 1; fi
                EXPOSE 8474
                ENTRYPOINT ["/toxiproxy"]
                CMD ["-host=0.0.0.0"]
                """.formatted(node.tag());
        String tag = "faultline-toxiproxy-lookalike:" + shortHash(dockerfile + SCRIPT);
        DockerClient docker = Docker.client();
        try {
            docker.inspectImageCmd(tag).exec();
            return tag;
        } catch (NotFoundException e) {
            // build it below
        }
        try {
            Path context = Files.createTempDirectory("faultline-lookalike");
            try {
                Path script = context.resolve("toxiproxy");
                Files.writeString(script, SCRIPT);
                Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.writeString(context.resolve("Dockerfile"), dockerfile);
                docker.buildImageCmd(context.toFile())
                        .withTags(Set.of(tag))
                        .withPull(false)
                        .start()
                        .awaitImageId();
            } finally {
                try (var files = Files.list(context)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
                Files.delete(context);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build the look-alike Toxiproxy image: " + e.getMessage(), e);
        }
        return tag;
    }

    private static String shortHash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
