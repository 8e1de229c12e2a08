package io.faultline.harness.images;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.RequiresDocker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two checkouts on one machine build node images one after the other: each prunes only what it built and no live
 * checkout uses. The checkouts are folders of their own; their node jars differ by a few bytes, so their tags do.
 */
@RequiresDocker
class ImageOwnershipIT {

    @TempDir
    Path temp;

    private final List<String> made = new ArrayList<>();

    @AfterEach
    void removeTheImagesThisTestMade() {
        for (String tag : made) {
            try {
                Docker.client().removeImageCmd(tag).exec();
            } catch (RuntimeException e) {
                // already pruned, as the test wanted
            }
        }
    }

    @Test
    void two_checkouts_building_one_after_the_other_both_keep_their_images() throws IOException {
        ImageClaims claims = new ImageClaims(temp.resolve("claims"));
        ImageBuilder a = builder("a", claims);
        ImageBuilder b = builder("b", claims);
        NodeImage imageOfA = variant("a1");
        NodeImage imageOfB = variant("b1");

        a.ensure(imageOfA);
        a.pruneSuperseded(imageOfA);
        b.ensure(imageOfB);
        List<String> prunedByB = b.pruneSuperseded(imageOfB);
        List<String> prunedByA = a.pruneSuperseded(imageOfA);

        assertThat(prunedByB).as("B removes nothing of A's").isEmpty();
        assertThat(prunedByA).as("A removes nothing of B's").isEmpty();
        assertThat(a.present(imageOfA.tag())).isTrue();
        assertThat(b.present(imageOfB.tag())).isTrue();
    }

    @Test
    void a_checkout_removes_the_image_it_superseded_but_not_one_another_checkout_still_uses() throws IOException {
        ImageClaims claims = new ImageClaims(temp.resolve("claims"));
        ImageBuilder a = builder("a", claims);
        ImageBuilder b = builder("b", claims);
        NodeImage first = variant("first");
        NodeImage shared = variant("shared");
        NodeImage latest = variant("latest");

        a.ensure(first);
        a.ensure(shared);
        List<String> supersededFirst = a.pruneSuperseded(shared);
        b.ensure(shared); // B is at the same commit as A: it finds A's image and uses it
        a.ensure(latest);
        List<String> afterMovingOn = a.pruneSuperseded(latest);

        assertThat(supersededFirst).containsExactly(first.tag());
        assertThat(a.present(first.tag())).isFalse();
        assertThat(afterMovingOn).as("B still uses the image A built before").isEmpty();
        assertThat(b.present(shared.tag())).isTrue();
    }

    @Test
    void the_claim_of_a_removed_checkout_keeps_nothing() throws IOException {
        ImageClaims claims = new ImageClaims(temp.resolve("claims"));
        ImageBuilder a = builder("a", claims);
        ImageBuilder gone = builder("gone", claims);
        NodeImage old = variant("old");
        NodeImage current = variant("current");

        a.ensure(old);
        gone.ensure(old);
        Files.delete(temp.resolve("gone"));
        a.ensure(current);

        assertThat(a.pruneSuperseded(current)).containsExactly(old.tag());
    }

    private ImageBuilder builder(String name, ImageClaims claims) throws IOException {
        return new ImageBuilder(line -> {}, new Checkout(Files.createDirectories(temp.resolve(name))), claims);
    }

    /** The real node image with a node jar whose bytes end in {@code marker}: a tag of its own. */
    private NodeImage variant(String marker) throws IOException {
        Path jar = temp.resolve("faultline-node-" + marker + ".jar");
        Files.copy(NodeDistribution.jar(), jar);
        Files.writeString(
                jar,
                "ImageOwnershipIT " + marker + " " + System.nanoTime(),
                StandardCharsets.UTF_8,
                StandardOpenOption.APPEND);
        NodeImage defaults = NodeImage.defaultImage();
        NodeImage image = new NodeImage(defaults.base(), jar, defaults.proxyJar(), defaults.modules());
        made.add(image.tag());
        return image;
    }
}
