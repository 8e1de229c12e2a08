package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.harness.cluster.Cluster;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.ClusterSpec;
import io.faultline.harness.db.BundledStore;
import io.faultline.harness.docker.RequiresDocker;
import io.faultline.nemeses.ClockNemesis;
import io.faultline.nemeses.Nemesis;
import io.faultline.nemeses.Netem;
import io.faultline.nemeses.NetemNemesis;
import io.faultline.nemeses.PacketLossNemesis;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clock, packet-loss and netem faults on a real three-node container cluster started as a clock fault run starts it
 * (libfaketime preloaded): each fault's observed effect, then recovery after it is healed.
 */
@RequiresDocker
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeFaultsIT {

    private Cluster cluster;
    private ClusterNodeControl nodes;

    @BeforeAll
    void startThreeNodesUnderLibfaketime(@TempDir Path workDir) {
        cluster = ClusterRuntime.CONTAINERS.start(ClusterSpec.of(3, workDir).withEnvironment(ClockNemesis.ENVIRONMENT));
        nodes = new ClusterNodeControl(cluster, new BundledStore(List.of()));
    }

    @AfterAll
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Long> offsets(Nemesis.Outcome checked) {
        return (Map<String, Long>) checked.applied();
    }

    @Test
    void a_clock_bump_moves_one_nodes_clock_and_a_reset_brings_it_back() {
        ClockNemesis clock = new ClockNemesis();

        Nemesis.Outcome bumped = clock.invoke("bump", Map.of("n1", -5000L), nodes);
        Map<String, Long> during = offsets(clock.invoke("check-clocks", null, nodes));
        Nemesis.Outcome reset = clock.invoke("reset", null, nodes);
        Map<String, Long> after = offsets(clock.invoke("check-clocks", null, nodes));

        assertThat(bumped.verified()).as(bumped.note()).isTrue();
        assertThat(during.get("n1")).as("n1 during the bump").isCloseTo(-5000L, within(400L));
        assertThat(during.get("n2")).as("n2, untouched").isCloseTo(0L, within(400L));
        assertThat(reset.verified()).as(reset.note()).isTrue();
        assertThat(after.get("n1")).as("n1 after the reset").isCloseTo(0L, within(400L));
    }

    @Test
    void a_strobed_clock_is_seen_at_its_peak_and_stops_flipping_after_a_reset() {
        ClockNemesis clock = new ClockNemesis();
        Map<String, Object> strobe = new LinkedHashMap<>();
        strobe.put("delta", 3000L);
        strobe.put("period", 100L);
        strobe.put("duration", 30_000L);

        Nemesis.Outcome strobed = clock.invoke("strobe", Map.of("n2", strobe), nodes);
        Nemesis.Outcome reset = clock.invoke("reset", List.of("n2"), nodes);
        Map<String, Long> first = offsets(clock.invoke("check-clocks", null, nodes));
        Map<String, Long> second = offsets(clock.invoke("check-clocks", null, nodes));

        assertThat(strobed.verified()).as(strobed.note()).isTrue();
        assertThat(reset.verified()).as(reset.note()).isTrue();
        assertThat(List.of(first.get("n2"), second.get("n2")))
                .as("n2 after the reset, twice")
                .allSatisfy(o -> assertThat(o).isCloseTo(0L, within(400L)));
    }

    @Test
    void packet_loss_drops_pings_from_peers_and_ends_when_healed() {
        PacketLossNemesis loss = new PacketLossNemesis();
        Map<String, Object> probabilities = new LinkedHashMap<>();
        nodes.nodes().forEach(n -> probabilities.put(n, 0.3));

        Nemesis.Outcome started = loss.invoke("start-loss", probabilities, nodes);
        Nemesis.Outcome stopped = loss.invoke("stop-loss", null, nodes);

        assertThat(started.verified()).as(started.note()).isTrue();
        assertThat(started.note()).contains("pings from a peer lost");
        assertThat(stopped.verified()).as(stopped.note()).isTrue();
    }

    /** Whether this machine's kernel has netem, asked inside a node the way the nemesis uses it. */
    private boolean netemHere() {
        return nodes.exec("n1", "sh", "-c", NetemNemesis.PROBE).ok();
    }

    @Test
    void on_a_kernel_without_netem_a_netem_test_is_refused_naming_the_missing_module_and_the_alternatives() {
        assumeFalse(netemHere(), "this kernel has netem: the refusal cannot happen here");

        assertThatThrownBy(() -> TestRunner.refuseWithoutNetem("netem", nodes))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--nemesis netem needs the kernel's netem queueing discipline (sch_netem)")
                .hasMessageContaining("tc on n1 said")
                .hasMessageContaining("modprobe sch_netem")
                .hasMessageContaining("--nemesis latency");
    }

    @Test
    void on_a_kernel_with_netem_a_delay_shows_in_a_peers_pings_and_is_gone_after_the_stop() {
        assumeTrue(netemHere(), "this kernel has no netem (sch_netem): the packet faults cannot run here");
        NetemNemesis netem = new NetemNemesis();

        Nemesis.Outcome started =
                netem.invoke("start-netem", Map.of("n1", Netem.delay(100, 10).asValue()), nodes);
        Nemesis.Outcome stopped = netem.invoke("stop-netem", null, nodes);

        assertThat(started.verified()).as(started.note()).isTrue();
        assertThat(stopped.verified()).as(stopped.note()).isTrue();
        assertThatCode(() -> TestRunner.refuseWithoutNetem("netem", nodes)).doesNotThrowAnyException();
    }
}
