package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cluster.Cluster;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.ClusterSpec;
import io.faultline.harness.cluster.ProxyImage;
import io.faultline.harness.db.BundledStore;
import io.faultline.nemeses.LinkControl;
import io.faultline.nemeses.LinkControl.Link;
import io.faultline.nemeses.LinkNemesis;
import io.faultline.nemeses.Nemesis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What link faults must do on every runtime: a real three-node store whose every directed link goes through its own
 * Toxiproxy-compatible proxy (in the harness's JVM for processes, a proxy container for containers, of our image or a
 * Toxiproxy image), driven by the official client; each fault's effect seen by a probe through the link, then
 * recovery.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LinkFaultsContract {

    /** The runtime under test. */
    abstract ClusterRuntime runtime();

    /** The server the link proxy runs: Faultline's own unless a subclass names a Toxiproxy image. */
    ProxyImage proxyImage() {
        return new ProxyImage.Faultline();
    }

    private Cluster cluster;
    private ClusterNodeControl nodes;
    private LinkControl links;
    private final LinkNemesis nemesis = new LinkNemesis();

    @BeforeAll
    void startThreeNodesBehindProxies(@TempDir Path workDir) {
        cluster = runtime().start(ClusterSpec.of(3, workDir).withProxiedLinks().withProxyImage(proxyImage()));
        nodes = new ClusterNodeControl(cluster, new BundledStore(List.of()));
        links = nodes.links().orElseThrow();
    }

    @AfterEach
    void heal() {
        nemesis.heal(nodes);
    }

    @AfterAll
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void every_directed_link_has_its_own_proxy_and_carries_data() {
        assertThat(cluster.runtime()).isEqualTo(runtime() == ClusterRuntime.CONTAINERS ? "containers" : "processes");
        assertThat(links.links()).hasSize(6).contains(new Link("n1", "n2"), new Link("n2", "n1"));
        assertThat(links.links())
                .allSatisfy(l -> assertThat(links.probe(l, Duration.ofSeconds(3)))
                        .as("probe of %s", l)
                        .isInstanceOf(LinkControl.Probe.Closed.class));
    }

    @Test
    void a_one_way_cut_refuses_only_the_cut_direction_and_healing_reopens_it() {
        Nemesis.Outcome cut = nemesis.invoke("start-partition", Map.of("n2", List.of("n1")), nodes);
        LinkControl.Probe cutWay = links.probe(new Link("n1", "n2"), Duration.ofSeconds(3));
        LinkControl.Probe otherWay = links.probe(new Link("n2", "n1"), Duration.ofSeconds(3));
        Nemesis.Outcome healed = nemesis.invoke("stop-partition", null, nodes);

        assertThat(cut.verified()).as(cut.note()).isTrue();
        assertThat(cutWay).isInstanceOf(LinkControl.Probe.Refused.class);
        assertThat(otherWay).isInstanceOf(LinkControl.Probe.Closed.class);
        assertThat(healed.verified()).as(healed.note()).isTrue();
    }

    @Test
    void the_primary_is_found_when_the_op_runs_and_cut_off_from_the_others() throws Exception {
        List<String> primaries = awaitPrimaries(Duration.ofSeconds(30));
        assertThat(primaries).as("a leader within 30 s").hasSize(1);

        Nemesis.Outcome cut = nemesis.invoke("start-partition", "primaries", nodes);

        assertThat(cut.verified()).as(cut.note()).isTrue();
        assertThat(((Map<?, ?>) cut.applied()).get(primaries.get(0)))
                .as("the primary no longer hears anyone")
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .hasSize(2);
    }

    @Test
    void latency_on_every_link_delays_what_each_node_sends() {
        Nemesis.Outcome slowed = nemesis.invoke(
                "start-link-fault",
                Map.of("toxic", Map.of("type", "latency", "millis", 200L, "jitter", 0L), "links", "all"),
                nodes);
        LinkControl.Probe probe = links.probe(new Link("n3", "n1"), Duration.ofSeconds(3));
        Nemesis.Outcome cleared = nemesis.invoke("stop-link-fault", null, nodes);

        assertThat(slowed.verified()).as(slowed.note()).isTrue();
        assertThat(probe)
                .isInstanceOfSatisfying(
                        LinkControl.Probe.Closed.class,
                        c -> assertThat(c.after()).isGreaterThanOrEqualTo(Duration.ofMillis(200)));
        assertThat(cleared.verified()).as(cleared.note()).isTrue();
    }

    @Test
    void reset_peer_resets_the_connections_of_the_chosen_links() {
        Nemesis.Outcome reset = nemesis.invoke(
                "start-link-fault",
                Map.of("toxic", Map.of("type", "reset-peer", "millis", 0L), "links", List.of(List.of("n1", "n3"))),
                nodes);

        assertThat(reset.verified()).as(reset.note()).isTrue();
        assertThat(links.probe(new Link("n1", "n3"), Duration.ofSeconds(3)))
                .isInstanceOf(LinkControl.Probe.Reset.class);
        assertThat(links.probe(new Link("n1", "n2"), Duration.ofSeconds(3)))
                .isInstanceOf(LinkControl.Probe.Closed.class);
    }

    @Test
    void bandwidth_and_slicer_toxics_keep_data_flowing() {
        Nemesis.Outcome narrow = nemesis.invoke(
                "start-link-fault", Map.of("toxic", Map.of("type", "bandwidth", "kbps", 32L), "links", "all"), nodes);
        Nemesis.Outcome sliced = nemesis.invoke(
                "start-link-fault",
                Map.of(
                        "toxic",
                        Map.of("type", "slicer", "average", 4L, "variation", 2L, "delay-us", 100L),
                        "links",
                        "all"),
                nodes);

        assertThat(narrow.verified()).as(narrow.note()).isTrue();
        assertThat(sliced.verified()).as(sliced.note()).isTrue();
    }

    @Test
    void the_nodes_elect_a_leader_through_the_proxies_and_cutting_every_link_refuses_every_probe() {
        assertThat(awaitPrimaries(Duration.ofSeconds(30)))
                .as("a leader within 30 s")
                .hasSize(1);

        Nemesis.Outcome cut = nemesis.invoke(
                "start-partition",
                Map.of("n1", List.of("n2", "n3"), "n2", List.of("n1", "n3"), "n3", List.of("n1", "n2")),
                nodes);

        assertThat(cut.verified()).as(cut.note()).isTrue();
        assertThat(links.links())
                .allSatisfy(l -> assertThat(links.probe(l, Duration.ofSeconds(3)))
                        .as("probe of %s", l)
                        .isInstanceOf(LinkControl.Probe.Refused.class));
    }

    private List<String> awaitPrimaries(Duration patience) {
        List<String> primaries = List.of();
        long deadline = System.nanoTime() + patience.toNanos();
        while (primaries.isEmpty() && System.nanoTime() < deadline) {
            primaries = nodes.primaries();
            java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L); // the poll interval
        }
        return primaries;
    }
}
