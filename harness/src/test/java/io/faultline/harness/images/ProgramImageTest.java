package io.faultline.harness.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.api.ImageRecipe;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A db's program image: its recipe on the Debian base, tagged by content. */
class ProgramImageTest {

    private static final BaseImage BASE =
            new BaseImage(new BaseImage.Debootstrap("bookworm", "http://deb.debian.org/debian"), List.of("curl"));

    private static ProgramImage image(String script) {
        return new ProgramImage(BASE, (ImageRecipe.DebianPackages) ImageRecipe.debian(
                "script-kv", List.of("python3"), new ImageRecipe.ImageFile("/opt/kv/kv.py", script, true)));
    }

    @Test
    void the_image_is_the_base_with_the_packages_installed_the_files_added_and_the_data_directory_made() {
        String dockerfile = image("print(1)").dockerfile();

        assertThat(dockerfile)
                .startsWith("FROM " + BASE.tag() + "\n")
                .contains("apt-get install -y --no-install-recommends python3")
                .contains("COPY file-0 /opt/kv/kv.py")
                .contains("chmod 0755 /opt/kv/kv.py")
                .contains("mkdir -p /var/lib/faultline/data")
                .contains("WORKDIR /var/lib/faultline/data");
    }

    @Test
    void the_tag_names_the_recipe_and_changes_exactly_when_a_file_changes() {
        assertThat(image("print(1)").tag()).startsWith("faultline-script-kv:");
        assertThat(image("print(1)").tag()).isEqualTo(image("print(1)").tag());
        assertThat(image("print(2)").tag()).isNotEqualTo(image("print(1)").tag());
    }

    @Test
    void a_recipe_may_not_take_the_name_of_the_harnesss_own_node_image() {
        ImageRecipe.DebianPackages node = new ImageRecipe.DebianPackages("node", List.of(), List.of());

        assertThatThrownBy(() -> new ProgramImage(BASE, node))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'node' is the harness's own (faultline-node)");
    }
}
