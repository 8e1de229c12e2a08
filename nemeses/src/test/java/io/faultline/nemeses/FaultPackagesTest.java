package io.faultline.nemeses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Simulation;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultPackagesTest {

    private static final List<String> NODES = List.of("n1", "n2", "n3", "n4", "n5");

    private static List<Invocation> faults(String name, long seed) {
        FaultPackage p = FaultPackages.create(name, NODES, Duration.ofSeconds(10));
        return Simulation.plan(
                        Gen.nemesis(p.schedule()), 0, true, seed, Duration.ofMillis(100), 100, Duration.ofSeconds(65))
                .stream()
                .filter(op -> !op.f().equals(Gen.SLEEP))
                .toList();
    }

    @Test
    void a_plugin_start_stop_package_declares_its_fault_window_and_may_not_reuse_a_built_in_function() {
        FaultPackage disk = FaultPackages.startStop(
                "disk-full", Duration.ofSeconds(1), "fill-disk", rng -> "n1", "free-disk", Nemesis.NONE);

        assertThat(disk.windows())
                .containsExactly(
                        new io.faultline.checkers.history.FaultWindowKind("disk-full", "fill-disk", "free-disk"));
        assertThatThrownBy(() -> FaultPackages.startStop(
                        "bad", Duration.ofSeconds(1), "pause", rng -> "n1", "unpause", Nemesis.NONE))
                .hasMessageContaining("'pause' is a built-in nemesis function already");
    }

    @Test
    void a_kill_schedule_restarts_exactly_the_nodes_it_killed_one_interval_later() {
        List<Invocation> ops = faults("kill", 1);

        assertThat(ops).extracting(Invocation::f).startsWith("kill", "start", "kill", "start");
        for (int i = 0; i + 1 < ops.size(); i += 2) {
            assertThat(ops.get(i + 1).value())
                    .as("the start after kill #%d", i / 2)
                    .isEqualTo(ops.get(i).value());
            assertThat(ops.get(i + 1).time() - ops.get(i).time())
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(10).toNanos());
        }
    }

    @Test
    void kill_majority_kills_three_of_five_nodes_at_once() {
        assertThat(faults("kill-majority", 2).getFirst().value()).asList().hasSize(3);
    }

    @Test
    void process_faults_take_one_a_minority_a_majority_or_all_of_five_nodes() {
        assertThat(faults("kill-minority", 2).getFirst().value()).asList().hasSize(2);
        assertThat(faults("pause", 2).getFirst().value()).asList().hasSize(1);
        assertThat(faults("pause-minority", 2).getFirst().value()).asList().hasSize(2);
        assertThat(faults("pause-majority", 2).getFirst().value()).asList().hasSize(3);
        assertThat(faults("pause-all", 2).getFirst().value()).asList().containsExactlyElementsOf(NODES);
        assertThat(faults("pause-majority", 2)).extracting(Invocation::f).startsWith("pause", "resume", "pause");
    }

    @Test
    void on_three_nodes_a_minority_is_one_node_and_a_majority_two() {
        assertThat(FaultPackages.minority(List.of("n1", "n2", "n3"))).isEqualTo(1);
        assertThat(FaultPackages.majority(List.of("n1", "n2", "n3"))).isEqualTo(2);
    }

    @Test
    void a_partition_schedule_alternates_start_and_stop() {
        assertThat(faults("partition", 3))
                .extracting(Invocation::f)
                .startsWith("start-partition", "stop-partition", "start-partition");
    }

    @Test
    void the_same_seed_gives_the_same_fault_schedule_and_another_seed_another() {
        assertThat(faults("partition", 4)).isEqualTo(faults("partition", 4));
        assertThat(faults("kill", 4)).isNotEqualTo(faults("kill", 5));
    }

    @Test
    void a_netem_schedule_draws_valid_packet_faults_on_one_node_a_majority_or_all_and_needs_kernel_netem() {
        List<Invocation> ops = faults("netem", 6);

        assertThat(FaultPackages.create("netem", NODES, Duration.ofSeconds(10)).needs())
                .containsExactly(FaultPackage.Need.KERNEL_NETEM);
        assertThat(ops).extracting(Invocation::f).startsWith("start-netem", "stop-netem", "start-netem");
        java.util.Set<Integer> sizes = new java.util.HashSet<>();
        java.util.Set<java.util.Set<String>> kinds = new java.util.HashSet<>();
        for (long seed = 1; seed <= 40; seed++) {
            for (Invocation op : faults("netem", seed)) {
                if (op.f().equals("start-netem")) {
                    java.util.Map<?, ?> value = (java.util.Map<?, ?>) op.value();
                    sizes.add(value.size());
                    value.values()
                            .forEach(v -> kinds.add(Netem.fromValue(v).asValue().keySet()));
                }
            }
        }
        assertThat(sizes).containsExactlyInAnyOrder(1, 3, 5);
        assertThat(kinds)
                .containsExactlyInAnyOrder(
                        java.util.Set.of("delay-ms", "jitter-ms"),
                        java.util.Set.of("loss"),
                        java.util.Set.of("duplicate"),
                        java.util.Set.of("delay-ms", "reorder"));
    }

    @Test
    void an_unknown_nemesis_is_refused_with_the_known_ones() {
        assertThatThrownBy(() -> FaultPackages.create("earthquake", NODES, Duration.ofSeconds(1)))
                .hasMessageContaining("unknown nemesis 'earthquake'")
                .hasMessageContaining("partition-ring");
    }

    @Test
    void a_plugin_fault_package_is_found_by_name_and_listed_in_errors() {
        assertThat(FaultPackages.create("plugin-fault", NODES, Duration.ofSeconds(1))
                        .name())
                .isEqualTo("plugin-fault");
        assertThatThrownBy(() -> FaultPackages.create("nope", NODES, Duration.ofSeconds(1)))
                .hasMessageContaining("plugin-fault");
    }
}
