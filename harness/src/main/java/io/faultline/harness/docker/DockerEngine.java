package io.faultline.harness.docker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the Docker engine without Testcontainers: one {@code GET /version} on the engine's Unix socket, answered in
 * milliseconds, so that "is there an engine?" never waits on Testcontainers' own discovery (which retries for a long
 * time when there is none).
 */
public final class DockerEngine {

    private static final Path DEFAULT_SOCKET = Path.of("/var/run/docker.sock");

    private DockerEngine() {}

    /** The engine at {@code DOCKER_HOST} (unix://...) or the default socket, if one answers. */
    public static Optional<EngineInfo> probe() {
        return probe(socketPath());
    }

    /** Why {@link #probe()} found nothing, in a sentence with the fix. */
    public static String whyUnreachable() {
        Path socket = socketPath();
        if (!Files.exists(socket)) {
            return "no Docker engine socket at " + socket
                    + ": install and start one (apt-get install docker.io; dockerd &), or set DOCKER_HOST";
        }
        if (!Files.isWritable(socket)) {
            return "no permission to use " + socket + ": run as root or join the 'docker' group";
        }
        return "the engine at " + socket + " did not answer GET /version: is dockerd running? (dockerd &)";
    }

    static Path socketPath() {
        String host = System.getenv("DOCKER_HOST");
        if (host != null && host.startsWith("unix://")) {
            return Path.of(host.substring("unix://".length()));
        }
        return DEFAULT_SOCKET;
    }

    static Optional<EngineInfo> probe(Path socket) {
        return get(socket, "/version").filter(r -> r.status() == 200).flatMap(r -> {
            try {
                JsonNode json = new ObjectMapper().readTree(r.body());
                String name = get(socket, "/info")
                        .filter(info -> info.status() == 200)
                        .map(info -> {
                            try {
                                return new ObjectMapper()
                                        .readTree(info.body())
                                        .path("Name")
                                        .asText("");
                            } catch (IOException e) {
                                return "";
                            }
                        })
                        .orElse("");
                return Optional.of(new EngineInfo(
                        "unix://" + socket,
                        json.path("Version").asText("?"),
                        json.path("ApiVersion").asText("0"),
                        name));
            } catch (IOException e) {
                return Optional.empty();
            }
        });
    }

    /** True when the engine has an image with this reference locally (no pull is attempted). */
    public static boolean imagePresent(String reference) {
        return get(socketPath(), "/images/" + reference + "/json")
                .map(r -> r.status() == 200)
                .orElse(false);
    }

    private record Response(int status, String body) {}

    /**
     * {@code docker import}: creates {@code repository:tag} from a root filesystem tarball, streamed with a known
     * length over the engine's socket (docker-java's import sends a body the engine reads as truncated).
     */
    public static void importImage(Path tarball, String repository, String tag, String... changes) throws IOException {
        StringBuilder query = new StringBuilder("/images/create?fromSrc=-&repo=")
                .append(encode(repository))
                .append("&tag=")
                .append(encode(tag));
        for (String change : changes) {
            query.append("&changes=").append(encode(change));
        }
        Path socket = socketPath();
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String head = "POST " + query + " HTTP/1.0\r\nHost: docker\r\nContent-Type: application/x-tar\r\n"
                    + "Content-Length: " + Files.size(tarball) + "\r\n\r\n";
            writeFully(channel, ByteBuffer.wrap(head.getBytes(StandardCharsets.US_ASCII)));
            try (java.nio.channels.FileChannel file = java.nio.channels.FileChannel.open(tarball)) {
                long position = 0;
                long size = file.size();
                while (position < size) {
                    position += file.transferTo(position, size - position, channel);
                }
            }
            String response = readAll(channel);
            String status = response.split(" ", 3).length > 1 ? response.split(" ", 3)[1] : "?";
            if (!status.equals("200") || response.contains("\"error\"")) {
                throw new IOException("docker import of " + tarball + " as " + repository + ":" + tag + " failed: "
                        + response.substring(Math.max(0, response.indexOf("\r\n\r\n")))
                                .strip());
            }
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void writeFully(SocketChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static String readAll(SocketChannel channel) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(16 * 1024);
        while (channel.read(buffer) >= 0) {
            out.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** One HTTP/1.0 GET on the engine's socket; empty when nothing answers. */
    private static Optional<Response> get(Path socket, String path) {
        if (!Files.exists(socket)) {
            return Optional.empty();
        }
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            String request = "GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n";
            writeFully(channel, ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
            String response = readAll(channel);
            int body = response.indexOf("\r\n\r\n");
            String[] statusLine = response.split(" ", 3);
            if (!response.startsWith("HTTP/1.") || statusLine.length < 2 || body < 0) {
                return Optional.empty();
            }
            return Optional.of(new Response(Integer.parseInt(statusLine[1]), response.substring(body + 4)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
