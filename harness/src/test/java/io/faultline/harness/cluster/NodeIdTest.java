package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NodeIdTest {

    @Test
    void ids_sort_numerically_so_n10_comes_after_n9() {
        List<NodeId> ids =
                IntStream.of(10, 2, 9, 1).mapToObj(NodeId::of).sorted().toList();

        assertThat(ids).extracting(NodeId::name).containsExactly("n1", "n2", "n9", "n10");
    }

    @Test
    void an_id_that_cannot_be_a_hostname_is_refused_with_the_rule() {
        assertThatThrownBy(() -> new NodeId("N 1"))
                .hasMessageContaining("must be a lower-case letter followed by up to 30 letters, digits or '-'");
    }

    @Test
    void a_cluster_spec_names_its_nodes_n1_to_nN() {
        assertThat(ClusterSpec.of(3, java.nio.file.Path.of("x")).ids())
                .extracting(NodeId::name)
                .containsExactly("n1", "n2", "n3");
    }

    @Test
    void container_nodes_get_fixed_addresses_in_the_cluster_subnet() {
        assertThat(ContainerCluster.address("10.211.7.0/24", 0)).isEqualTo("10.211.7.11");
        assertThat(ContainerCluster.address("10.211.7.0/24", 4)).isEqualTo("10.211.7.15");
    }

    @Test
    void a_runtime_name_that_is_neither_containers_nor_processes_is_refused() {
        assertThat(ClusterRuntime.parse("docker")).isEqualTo(ClusterRuntime.CONTAINERS);
        assertThat(ClusterRuntime.parse("processes")).isEqualTo(ClusterRuntime.PROCESSES);
        assertThatThrownBy(() -> ClusterRuntime.parse("vm"))
                .hasMessage("runtime 'vm' is not one of: containers, processes");
    }
}
