package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PluginNeedsTest {

    private static NodeProgram program(String first, List<String> needs, Optional<ImageRecipe> image) {
        return new NodeProgram() {
            @Override
            public List<String> command(NodeContext node) {
                return List.of(first, "--port", Integer.toString(node.clientPort()));
            }

            @Override
            public List<String> needs() {
                return needs;
            }

            @Override
            public Optional<ImageRecipe> image() {
                return image;
            }
        };
    }

    @Test
    void a_program_on_path_with_a_debian_recipe_is_ready_and_names_its_packages() {
        DoctorCommand.Finding f = PluginNeeds.finding(
                "kv",
                program("sh", List.of(), Optional.of(ImageRecipe.debian("kv", List.of("python3-minimal")))),
                tag -> false);

        assertThat(f.ok()).isTrue();
        assertThat(f.detail()).contains("processes: sh found").contains("Debian packages python3-minimal");
    }

    @Test
    void a_missing_program_and_a_missing_local_image_are_both_reported_with_the_fix() {
        DoctorCommand.Finding f = PluginNeeds.finding(
                "kv",
                program(
                        "sh",
                        List.of("no-such-server-here", "/no/such/dir"),
                        Optional.of(new ImageRecipe.LocalImage("kv:1"))),
                tag -> false);

        assertThat(f.ok()).isFalse();
        assertThat(f.detail())
                .contains("no-such-server-here, /no/such/dir missing")
                .contains("kv:1 missing");
        assertThat(f.fix()).contains("install no-such-server-here");
    }

    @Test
    void without_declared_needs_the_commands_first_word_is_what_is_needed() {
        assertThat(PluginNeeds.needs(program("redis-server", List.of(), Optional.empty())))
                .containsExactly("redis-server");
    }
}
