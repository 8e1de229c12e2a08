package io.faultline.harness.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImagePullTest {

    @Test
    void a_failed_pull_is_described_in_the_engines_own_words() {
        RuntimeException error =
                new RuntimeException("Status 500: {\"message\":\"Get \\\"https://registry-1.docker.io/v2/\\\":"
                        + " dial tcp: lookup registry-1.docker.io: no such host\"}\n");

        assertThat(ImagePull.engineMessage(error))
                .isEqualTo("Get \"https://registry-1.docker.io/v2/\": dial tcp: lookup registry-1.docker.io: no such"
                        + " host");
        assertThat(ImagePull.engineMessage(new RuntimeException("timeout\nat line 2")))
                .isEqualTo("timeout");
    }
}
