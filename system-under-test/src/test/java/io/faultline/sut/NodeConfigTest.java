package io.faultline.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeConfigTest {

    @Test
    void flags_win_over_environment_variables() {
        NodeConfig config = NodeConfig.parse(
                new String[] {"--id", "n1", "--http-port=7001", "--peers", "n2=10.0.0.2:9090,n3=127.0.0.1:7003"},
                Map.of("FAULTLINE_NODE_ID", "other", "FAULTLINE_PEER_PORT", "7100"));

        assertThat(config.id()).isEqualTo("n1");
        assertThat(config.httpPort()).isEqualTo(7001);
        assertThat(config.peerPort()).as("taken from the environment").isEqualTo(7100);
        assertThat(config.peers()).containsEntry("n2", "10.0.0.2:9090").containsEntry("n3", "127.0.0.1:7003");
    }

    @Test
    void a_missing_id_is_refused_with_the_flag_to_set() {
        assertThatThrownBy(() -> NodeConfig.parse(new String[0], Map.of())).hasMessageContaining("--id is required");
    }

    @Test
    void a_malformed_peer_names_the_entry_and_the_expected_shape() {
        assertThatThrownBy(() -> NodeConfig.parse(new String[] {"--id", "n1", "--peers", "n2"}, Map.of()))
                .hasMessage("--peers entry 'n2' must look like id=host:port");
    }

    @Test
    void a_port_out_of_range_is_refused() {
        assertThatThrownBy(() -> NodeConfig.parse(new String[] {"--id", "n1", "--http-port", "70000"}, Map.of()))
                .hasMessageContaining("--http-port must be a port number");
    }
}
