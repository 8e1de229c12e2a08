package io.faultline.harness.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.workloads.Workloads;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bundled store's engines as the harness sees them: settings, bugs, node flags and refusals. */
class BundledStoreTest {

    private static final Workloads.WorkloadOptions OPTIONS = new Workloads.WorkloadOptions(8, 5);

    @Test
    void the_quorum_engine_is_chosen_by_a_setting_and_passed_to_the_node() {
        BundledStore store = BundledStore.create(List.of("sloppy-r-w"), Map.of("engine", "quorum"));

        assertThat(store.nodeArgs()).containsExactly("--engine", "quorum", "--bug", "sloppy-r-w");
        assertThat(store.logFiles()).containsExactly("quorum.journal");
        assertThat(new BundledStore(List.of()).nodeArgs())
                .as("raft, the default, needs no flag")
                .isEmpty();
    }

    @Test
    void a_bug_of_another_engine_is_refused_with_the_engines_own_bugs_listed() {
        assertThatThrownBy(() -> BundledStore.create(List.of("split-brain"), Map.of("engine", "quorum")))
                .hasMessage("--bug split-brain is not one of the quorum engine's known-wrong modes: no-write-back,"
                        + " sloppy-r-w, lww-wall-clock");
        assertThatThrownBy(() -> BundledStore.create(List.of(), Map.of("engine", "paxos")))
                .hasMessageContaining("paxos");
    }

    @Test
    void a_workload_needing_an_operation_the_engine_lacks_is_refused_naming_both() {
        BundledStore quorum = BundledStore.create(List.of(), Map.of("engine", "quorum"));

        assertThat(quorum.refusal(Workloads.create("register", OPTIONS), 5)).isEmpty();
        assertThat(quorum.refusal(Workloads.create("cas-register", OPTIONS), 5))
                .hasValue("the quorum engine of faultline-store does not serve cas, which the cas-register workload"
                        + " needs (it serves read, write); choose another workload or --engine");
        assertThat(quorum.refusal(Workloads.create("list-append", OPTIONS), 5))
                .hasValueSatisfying(why -> assertThat(why).contains("does not serve txn"));
        assertThat(new BundledStore(List.of()).refusal(Workloads.create("bank", OPTIONS), 5))
                .as("raft serves every workload")
                .isEmpty();
    }

    @Test
    void an_unknown_setting_is_refused() {
        assertThatThrownBy(() -> BundledStore.create(List.of(), Map.of("engin", "quorum")))
                .hasMessageContaining("engin");
    }
}
