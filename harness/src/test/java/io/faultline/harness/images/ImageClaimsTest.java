package io.faultline.harness.images;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageClaimsTest {

    @TempDir
    Path temp;

    @Test
    void a_checkout_sees_the_tags_other_live_checkouts_claim_and_not_its_own() throws IOException {
        ImageClaims claims = new ImageClaims(temp.resolve("claims"));
        Checkout a = checkout("a");
        Checkout b = checkout("b");

        claims.claim(a, "faultline-node:aaa");
        claims.claim(b, "faultline-node:bbb");

        assertThat(claims.claimedByOthers(a)).containsExactly("faultline-node:bbb");
        assertThat(claims.claimedByOthers(b)).containsExactly("faultline-node:aaa");
    }

    @Test
    void a_new_claim_replaces_the_checkouts_earlier_one() throws IOException {
        ImageClaims claims = new ImageClaims(temp.resolve("claims"));
        Checkout a = checkout("a");

        claims.claim(a, "faultline-node:old");
        claims.claim(a, "faultline-node:new");

        assertThat(claims.claimedByOthers(checkout("b"))).containsExactly("faultline-node:new");
    }

    @Test
    void the_claim_of_a_checkout_whose_folder_is_gone_counts_for_nothing_and_is_removed() throws IOException {
        Path dir = temp.resolve("claims");
        ImageClaims claims = new ImageClaims(dir);
        Checkout gone = checkout("gone");
        claims.claim(gone, "faultline-node:gone");
        Files.delete(gone.root());

        assertThat(claims.claimedByOthers(checkout("a"))).isEmpty();
        assertThat(dir.resolve(gone.id())).doesNotExist();
    }

    @Test
    void no_claims_folder_means_no_claims() {
        assertThat(new ImageClaims(temp.resolve("none")).claimedByOthers(new Checkout(temp)))
                .isEmpty();
    }

    @Test
    void the_running_checkout_is_the_folder_with_the_launcher_and_the_parent_pom() {
        Checkout current = Checkout.current();

        assertThat(current.root().resolve("faultline")).isRegularFile();
        assertThat(current.root().resolve("harness")).isDirectory();
    }

    @Test
    void two_paths_of_one_folder_are_one_checkout_and_two_folders_are_two() {
        assertThat(new Checkout(temp.resolve("x/../a")).id()).isEqualTo(new Checkout(temp.resolve("a")).id());
        assertThat(new Checkout(temp.resolve("a")).id()).isNotEqualTo(new Checkout(temp.resolve("b")).id());
    }

    private Checkout checkout(String name) throws IOException {
        return new Checkout(Files.createDirectories(temp.resolve(name)));
    }
}
