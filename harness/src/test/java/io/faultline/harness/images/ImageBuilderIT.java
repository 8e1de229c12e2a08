package io.faultline.harness.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.docker.RequiresDocker;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

@RequiresDocker
class ImageBuilderIT {

    @Test
    void a_second_ensure_finds_both_images_and_builds_nothing() {
        List<String> progress = new ArrayList<>();
        ImageBuilder builder = new ImageBuilder(progress::add);
        NodeImage node = NodeImage.defaultImage();
        builder.ensure(node);
        progress.clear();

        List<ImageBuilder.Outcome> again = builder.ensure(node);

        assertThat(again)
                .extracting(ImageBuilder.Outcome::tag)
                .containsExactly(node.base().tag(), node.tag());
        assertThat(again).extracting(ImageBuilder.Outcome::built).containsExactly(false, false);
        assertThat(progress).as("nothing was built, so nothing was reported").isEmpty();
        assertThat(builder.present(node.tag())).isTrue();
    }
}
