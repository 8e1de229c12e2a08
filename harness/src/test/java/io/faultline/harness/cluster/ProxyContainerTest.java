package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProxyContainerTest {

    @Test
    void a_link_port_names_its_two_nodes() {
        assertThat(ProxyContainer.linkPort(1, 2)).isEqualTo(20102);
        assertThat(ProxyContainer.linkPort(2, 1)).isEqualTo(20201);
        assertThat(ProxyContainer.linkPort(12, 3)).isEqualTo(21203);
    }

    @Test
    void a_link_from_a_node_to_itself_has_no_port() {
        assertThatThrownBy(() -> ProxyContainer.linkPort(3, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two different nodes");
    }

    @Test
    void the_proxy_and_then_the_prober_sit_just_below_the_nodes_in_the_cluster_subnet() {
        assertThat(ContainerCluster.proxyAddress("10.211.7.0/24")).isEqualTo("10.211.7.10");
        assertThat(ContainerCluster.proberAddress("10.211.7.0/24")).isEqualTo("10.211.7.9");
        assertThat(ContainerCluster.address("10.211.7.0/24", 0)).isEqualTo("10.211.7.11");
    }
}
