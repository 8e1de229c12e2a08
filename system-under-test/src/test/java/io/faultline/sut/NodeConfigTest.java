package io.faultline.sut;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.sut.server.Bug;
import io.faultline.sut.server.ReadMode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void bugs_data_dir_and_read_mode_come_from_flags_and_a_config_file_fills_the_rest(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("node.properties");
        Files.writeString(file, "peer-port=7200\nread-mode=lease\n");

        NodeConfig config = NodeConfig.parse(
                new String[] {
                    "--id", "n1", "--bug", "no-fsync,split-brain", "--data-dir", "/var/x", "--config", file.toString()
                },
                Map.of("FAULTLINE_TICK_MS", "40"));

        assertThat(config.bugs()).as("bugs").containsExactlyInAnyOrder(Bug.NO_FSYNC, Bug.SPLIT_BRAIN);
        assertThat(config.dataDir()).as("data dir").isEqualTo(Path.of("/var/x"));
        assertThat(config.peerPort()).as("from the file").isEqualTo(7200);
        assertThat(config.readMode()).as("from the file").isEqualTo(ReadMode.LEASE);
        assertThat(config.tickMillis()).as("from the environment").isEqualTo(40);
    }

    @Test
    void an_unknown_bug_lists_the_known_ones() {
        assertThatThrownBy(() -> NodeConfig.parse(new String[] {"--id", "n1", "--bug", "fast"}, Map.of()))
                .hasMessage("--bug 'fast' is not one of stale-reads, no-fsync, ack-before-commit, split-brain, "
                        + "lease-no-clock-bound, no-write-back, sloppy-r-w, lww-wall-clock");
    }

    @Test
    void a_bug_of_another_engine_is_refused_naming_its_engine() {
        assertThatThrownBy(() -> NodeConfig.parse(
                        new String[] {"--id", "n1", "--engine", "quorum", "--bug", "split-brain"}, Map.of()))
                .hasMessage("--bug split-brain is a known-wrong mode of the raft engine, not of --engine quorum");
    }

    @Test
    void an_unknown_engine_lists_the_engines() {
        assertThatThrownBy(() -> NodeConfig.parse(new String[] {"--id", "n1", "--engine", "paxos"}, Map.of()))
                .hasMessage("--engine must be one of raft, quorum, got 'paxos'");
    }

    @Test
    void quorum_sizes_are_checked_against_the_replicas() {
        NodeConfig ok = NodeConfig.parse(
                new String[] {"--id", "n1", "--engine", "quorum", "--peers", "n2=h:1,n3=h:2", "--read-quorum", "3"},
                Map.of());
        assertThat(ok.readQuorum()).isEqualTo(3);
        assertThat(ok.writeQuorum()).as("a majority, chosen by the node").isZero();
        assertThatThrownBy(() -> NodeConfig.parse(
                        new String[] {"--id", "n1", "--engine", "quorum", "--peers", "n2=h:1", "--write-quorum", "3"},
                        Map.of()))
                .hasMessageContaining("between 1 and the 2 replicas");
        assertThatThrownBy(() -> NodeConfig.parse(new String[] {"--id", "n1", "--read-quorum", "1"}, Map.of()))
                .hasMessage("--read-quorum and --write-quorum apply to --engine quorum only");
    }

    @Test
    void a_node_listing_itself_as_a_peer_is_refused() {
        assertThatThrownBy(() -> NodeConfig.parse(new String[] {"--id", "n1", "--peers", "n1=h:1"}, Map.of()))
                .hasMessage("--peers must not list the node itself ('n1')");
    }

    @Test
    void an_unknown_flag_is_refused() {
        assertThatThrownBy(() -> NodeConfig.parse(new String[] {"--id", "n1", "--prot", "1"}, Map.of()))
                .hasMessageStartingWith("unknown flag --prot");
    }
}
