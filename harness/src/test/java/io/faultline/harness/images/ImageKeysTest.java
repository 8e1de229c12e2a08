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

        String tag = new NodeImage(debian, jar, List.of("java.base")).tag();

        assertThat(new NodeImage(debian, sameBytes, List.of("java.base")).tag()).isEqualTo(tag);
        assertThat(new NodeImage(debian, otherBytes, List.of("java.base")).tag())
                .isNotEqualTo(tag);
        assertThat(new NodeImage(debian, jar, List.of("java.base", "java.sql")).tag())
                .isNotEqualTo(tag);
    }

    @Test
    void the_node_image_is_built_from_its_base_and_runs_the_node_jar() throws Exception {
        NodeImage node = new NodeImage(debian, Files.writeString(dir.resolve("n.jar"), "x"), List.of("java.base"));

        assertThat(node.dockerfile())
                .startsWith("FROM " + debian.tag())
                .contains("ENTRYPOINT [\"/opt/faultline/runtime/bin/java\"");
    }

    @Test
    void the_embedded_node_jar_is_extracted_once_per_content() {
        Path first = NodeDistribution.jar();
        Path second = NodeDistribution.jar();

        assertThat(first).isEqualTo(second).isRegularFile();
        assertThat(first.getFileName().toString()).matches("faultline-node-[0-9a-f]{12}\\.jar");
    }
}
