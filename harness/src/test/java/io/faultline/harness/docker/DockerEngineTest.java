package io.faultline.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerEngineTest {

    @TempDir
    Path dir;

    @Test
    void no_socket_means_no_engine_and_the_reason_says_how_to_start_one() {
        assertThat(DockerEngine.probe(dir.resolve("docker.sock"))).isEmpty();
    }

    @Test
    void an_engine_is_read_from_its_version_and_info_answers() throws Exception {
        Path socket = dir.resolve("engine.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread engine = Thread.ofVirtual().start(() -> {
                for (int i = 0; i < 2; i++) {
                    try (SocketChannel client = server.accept()) {
                        ByteBuffer request = ByteBuffer.allocate(4096);
                        client.read(request);
                        String line = new String(request.array(), 0, request.position(), StandardCharsets.US_ASCII);
                        String body = line.startsWith("GET /version")
                                ? "{\"Version\":\"20.10.24\",\"ApiVersion\":\"1.41\"}"
                                : "{\"Name\":\"somehost\"}";
                        client.write(
                                ByteBuffer.wrap(("HTTP/1.0 200 OK\r\nContent-Type: application/json\r\n\r\n" + body)
                                        .getBytes(StandardCharsets.US_ASCII)));
                    } catch (IOException e) {
                        return;
                    }
                }
            });

            EngineInfo info = DockerEngine.probe(socket).orElseThrow();
            engine.join();

            assertThat(info.version()).isEqualTo("20.10.24");
            assertThat(info.apiVersion()).isEqualTo("1.41");
            assertThat(info.hostName()).isEqualTo("somehost");
            assertThat(info.supportsApi("1.44")).as("1.41 < 1.44").isFalse();
            assertThat(info.supportsApi("1.32")).isTrue();
        }
    }

    @Test
    void api_versions_compare_numerically_not_as_text() {
        assertThat(EngineInfo.compare("1.9", "1.10")).isNegative();
        assertThat(EngineInfo.compare("1.44", "1.44")).isZero();
        assertThat(EngineInfo.compare("2.0", "1.99")).isPositive();
    }

    @Test
    void a_resource_is_an_orphan_only_when_its_owner_ran_here_and_is_dead() {
        String here = Leftovers.hostname();
        long alive = ProcessHandle.current().pid();

        assertThat(Leftovers.orphaned(here + ":" + alive)).as("our own JVM").isFalse();
        assertThat(Leftovers.orphaned(here + ":" + Integer.MAX_VALUE))
                .as("a pid that does not exist")
                .isTrue();
        assertThat(Leftovers.orphaned("another-host:1"))
                .as("someone else's machine")
                .isFalse();
        assertThat(Leftovers.orphaned(null)).isFalse();
    }

    @Test
    void environment_names_map_to_testcontainers_property_names() {
        assertThat(TestcontainersSettings.propertyName("TESTCONTAINERS_CHECKS_DISABLE"))
                .isEqualTo("checks.disable");
        assertThat(TestcontainersSettings.propertyName("TESTCONTAINERS_PULL_TIMEOUT"))
                .isEqualTo("pull.timeout");
    }
}
