package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.Db;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import io.faultline.nemeses.FaultPackages;
import io.faultline.workloads.Workload;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run refuses, before it starts anything, about a db's own node program. */
class PluginNodeRefusalsTest {

    /** A db whose program dials the addresses its peers advertise (gossip), not the ones it is given. */
    private static final Db GOSSIP = new Db() {
        @Override
        public String name() {
            return "gossip-db";
        }

        @Override
        public NodeSetup nodes() {
            return NodeSetup.program(new NodeProgram() {
                @Override
                public List<String> command(NodeContext node) {
                    return List.of("gossipd");
                }

                @Override
                public boolean dialsGivenPeers() {
                    return false;
                }
            });
        }

        @Override
        public Client openClient(ClusterView cluster, int worker, Workload workload) {
            return op -> Completion.ok(null);
        }
    };

    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @Test
    void link_faults_are_refused_for_a_program_that_does_not_dial_the_peers_it_is_given_naming_the_db() {
        var faults = FaultPackages.create("link-partition", NODES, Duration.ofSeconds(5));

        assertThatThrownBy(() -> TestRunner.refuseUnproxiableLinks("link-partition", faults, GOSSIP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--nemesis link-partition")
                .hasMessageContaining("the db gossip-db dials the addresses its peers advertise")
                .hasMessageContaining("--nemesis partition");
    }

    @Test
    void faults_that_need_no_link_proxies_are_not_refused_for_such_a_program() {
        var faults = FaultPackages.create("kill", NODES, Duration.ofSeconds(5));

        assertThatCode(() -> TestRunner.refuseUnproxiableLinks("kill", faults, GOSSIP))
                .doesNotThrowAnyException();
    }
}
