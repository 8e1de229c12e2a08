package io.faultline.harness.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageKeysTest {

    @TempDir
    Path dir;

    private final BaseImage debian =
            new BaseImage(new BaseImage.Debootstrap("bookworm", "http://mirror"), List.of("iptables"));

    @Test
    void the_same_inputs_give_the_same_tag() {
        assertThat(debian.tag())
                .isEqualTo(new BaseImage(new BaseImage.Debootstrap("bookworm", "http://mirror"), List.of("iptables"))
                        .tag());
        assertThat(debian.tag()).matches("faultline-base:[0-9a-f]{12}");
    }

    @Test
    void any_changed_input_gives_another_tag() {
        assertThat(new BaseImage(new BaseImage.Debootstrap("trixie", "http://mirror"), List.of("iptables")).tag())
                .isNotEqualTo(debian.tag());
        assertThat(new BaseImage(new BaseImage.Debootstrap("bookworm", "http://mirror"), List.of("iptables", "curl"))
                        .tag())
                .isNotEqualTo(debian.tag());
        assertThat(new BaseImage(new BaseImage.FromImage("debian:bookworm-slim"), List.of("iptables")).tag())
                .isNotEqualTo(debian.tag());
    }

    @Test
    void the_node_image_changes_with_the_node_jar_but_not_with_its_file_name() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "version 1");
        Path sameBytes = Files.writeString(dir.resolve("b.jar"), "version 1");
        Path otherBytes = Files.writeString(dir.resolve("c.jar"), "version 2");
        Path proxy = Files.writeString(dir.resolve("p.jar"), "proxy 1");

        String tag = new NodeImage(debian, jar, proxy, List.of("java.base")).tag();

        assertThat(new NodeImage(debian, sameBytes, proxy, List.of("java.base")).tag())
                .isEqualTo(tag);
        assertThat(new NodeImage(debian, otherBytes, proxy, List.of("java.base")).tag())
                .isNotEqualTo(tag);
        assertThat(new NodeImage(debian, jar, proxy, List.of("java.base", "java.sql")).tag())
                .isNotEqualTo(tag);
    }

    @Test
    void the_node_image_changes_with_the_proxy_jar() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "version 1");
        Path proxy = Files.writeString(dir.resolve("p.jar"), "proxy 1");
        Path otherProxy = Files.writeString(dir.resolve("q.jar"), "proxy 2");

        assertThat(new NodeImage(debian, jar, otherProxy, List.of("java.base")).tag())
                .isNotEqualTo(new NodeImage(debian, jar, proxy, List.of("java.base")).tag());
    }

    @Test
    void the_node_image_is_built_from_its_base_and_runs_the_node_jar_and_carries_the_proxy_jar() throws Exception {
        NodeImage node = new NodeImage(
                debian,
                Files.writeString(dir.resolve("n.jar"), "x"),
                Files.writeString(dir.resolve("p.jar"), "y"),
                List.of("java.base"));

        assertThat(node.dockerfile())
                .startsWith("FROM " + debian.tag())
                .contains("ENTRYPOINT [\"/opt/faultline/runtime/bin/java\"")
                .contains("COPY faultline-proxy.jar /opt/faultline/faultline-proxy.jar");
        assertThat(NodeImage.proxyCommand())
                .contains("/opt/faultline/faultline-proxy.jar", "0.0.0.0", "8474")
                .as("its proxies listen on the cluster network")
                .contains("--allow-remote-listen");
    }

    @Test
    void the_embedded_proxy_jar_is_extracted_once_per_content() {
        Path first = NodeDistribution.proxyJar();

        assertThat(NodeDistribution.proxyJar()).isEqualTo(first).isRegularFile();
        assertThat(first.getFileName().toString()).matches("faultline-proxy-[0-9a-f]{12}\\.jar");
    }

    @Test
    void the_embedded_node_jar_is_extracted_once_per_content() {
        Path first = NodeDistribution.jar();
        Path second = NodeDistribution.jar();

        assertThat(first).isEqualTo(second).isRegularFile();
        assertThat(first.getFileName().toString()).matches("faultline-node-[0-9a-f]{12}\\.jar");
    }

    @Test
    void the_prometheus_image_is_debians_package_on_the_base_and_its_tag_follows_the_base() {
        PrometheusImage prometheus = new PrometheusImage(debian);

        assertThat(prometheus.tag()).matches("faultline-prometheus:[0-9a-f]{12}");
        assertThat(prometheus.tag()).isEqualTo(new PrometheusImage(debian).tag());
        assertThat(new PrometheusImage(new BaseImage(new BaseImage.Debootstrap("trixie", "http://mirror"), List.of()))
                        .tag())
                .isNotEqualTo(prometheus.tag());
        assertThat(prometheus.dockerfile())
                .startsWith("FROM " + debian.tag())
                .contains("apt-get install -y --no-install-recommends prometheus")
                .contains("ENTRYPOINT [\"" + PrometheusImage.BINARY + "\"]");
    }
}
