package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyImageTest {

    @Test
    void without_the_option_the_proxy_is_faultlines_own_and_with_it_the_named_image() {
        assertThat(ProxyImage.of(null)).isEqualTo(new ProxyImage.Faultline());
        assertThat(ProxyImage.of("ghcr.io/shopify/toxiproxy:2.12.0"))
                .isEqualTo(new ProxyImage.Toxiproxy("ghcr.io/shopify/toxiproxy:2.12.0"));
    }

    @Test
    void an_image_reference_with_spaces_or_nothing_in_it_is_refused_saying_why() {
        assertThatThrownBy(() -> ProxyImage.of(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Docker image reference without spaces");
        assertThatThrownBy(() -> ProxyImage.of("shopify/toxiproxy latest"))
                .hasMessageContaining("\"shopify/toxiproxy latest\"");
    }

    @Test
    void a_cluster_spec_keeps_faultlines_proxy_unless_told_otherwise(@TempDir Path dir) {
        ClusterSpec spec = ClusterSpec.of(3, dir).withProxiedLinks();
        ProxyImage shopify = new ProxyImage.Toxiproxy("ghcr.io/shopify/toxiproxy");

        assertThat(spec.proxyImage()).isEqualTo(new ProxyImage.Faultline());
        assertThat(spec.withProxyImage(shopify).withNodeArgs("--x").proxyImage())
                .as("kept through the other withers")
                .isEqualTo(shopify);
        assertThat(spec.withProxyImage(shopify).proxiedLinks()).isTrue();
    }

    @Test
    void local_processes_refuse_a_toxiproxy_image_before_starting_anything(@TempDir Path dir) {
        ClusterSpec spec = ClusterSpec.of(1, dir)
                .withProxiedLinks()
                .withProxyImage(new ProxyImage.Toxiproxy("ghcr.io/shopify/toxiproxy"));

        assertThatThrownBy(() -> ProcessCluster.start(spec))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("needs the containers runtime");
        assertThat(dir).as("no node wrote anything").isEmptyDirectory();
    }
}
