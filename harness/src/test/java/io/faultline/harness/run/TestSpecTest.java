package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cluster.ProxyImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TestSpecTest {

    @Test
    void test_json_records_which_server_the_link_proxy_runs() throws Exception {
        TestSpec ours = TestSpec.demo(Path.of("store"), 1);
        TestSpec shopify = ours.withProxyImage(new ProxyImage.Toxiproxy("ghcr.io/shopify/toxiproxy:2.12.0"));

        assertThat(RunDirectory.JSON
                        .readTree(RunDirectory.JSON.writeValueAsString(ours))
                        .path("proxyImage")
                        .asText())
                .isEqualTo("faultline");
        assertThat(RunDirectory.JSON
                        .readTree(RunDirectory.JSON.writeValueAsString(shopify))
                        .path("proxyImage")
                        .asText())
                .isEqualTo("ghcr.io/shopify/toxiproxy:2.12.0");
        assertThat(shopify.withSeed(7).proxyImage())
                .as("kept when a run takes the next seed")
                .isEqualTo(shopify.proxyImage());
    }
}
