package io.faultline.nemeses;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The process nemesis against an in-memory fake of the nodes, recording what it was asked to do. */
class ProcessNemesisTest {

    /** Five nodes; n3 is the primary; every action is recorded as "action node". */
    private static final class RecordingNodes implements NodeControl {
        final List<String> actions = new ArrayList<>();
        List<String> primaries = List.of("n3");

        @Override
        public List<String> nodes() {
            return List.of("n1", "n2", "n3", "n4", "n5");
        }

        @Override
        public void kill(String node) {
            record("kill " + node);
        }

        @Override
        public void start(String node) {
            record("start " + node);
        }

        @Override
        public void pause(String node) {
            record("pause " + node);
        }

        @Override
        public void resume(String node) {
            record("resume " + node);
        }

        private synchronized void record(String action) {
            actions.add(action);
        }

        @Override
        public boolean isolatedNetworks() {
            return false;
        }

        @Override
        public CommandResult exec(String node, String... command) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String address(String node) {
            return node;
        }

        @Override
        public int peerPort(String node) {
            return 9090;
        }

        @Override
        public List<String> primaries() {
            return primaries;
        }
    }

    private final RecordingNodes nodes = new RecordingNodes();
    private final ProcessNemesis nemesis = new ProcessNemesis();

    @Test
    void kill_primary_kills_whoever_is_primary_then_and_start_affected_restarts_exactly_it() {
        Nemesis.Outcome kill = nemesis.invoke("kill", ProcessNemesis.PRIMARIES, nodes);
        nodes.primaries = List.of("n1");
        Nemesis.Outcome start = nemesis.invoke("start", ProcessNemesis.AFFECTED, nodes);

        assertThat(kill.applied()).isEqualTo(List.of("n3"));
        assertThat(kill.verified()).isTrue();
        assertThat(start.applied()).isEqualTo(List.of("n3"));
        assertThat(nodes.actions).containsExactly("kill n3", "start n3");
    }

    @Test
    void killing_several_nodes_freezes_them_all_before_the_first_kill() {
        nemesis.invoke("kill", List.of("n1", "n2", "n4"), nodes);

        assertThat(nodes.actions.subList(0, 3)).allMatch(a -> a.startsWith("pause"));
        assertThat(nodes.actions.subList(3, 6)).allMatch(a -> a.startsWith("kill"));
    }

    @Test
    void no_primary_known_means_nothing_is_done_and_nothing_is_claimed() {
        nodes.primaries = List.of();

        Nemesis.Outcome outcome = nemesis.invoke("kill", ProcessNemesis.PRIMARIES, nodes);

        assertThat(outcome.verified()).isFalse();
        assertThat(nodes.actions).isEmpty();
    }

    @Test
    void heal_resumes_paused_nodes_and_starts_killed_ones() {
        nemesis.invoke("pause", List.of("n2"), nodes);
        nemesis.invoke("kill", List.of("n5"), nodes);
        nodes.actions.clear();

        nemesis.heal(nodes);

        assertThat(nodes.actions).containsExactly("resume n2", "start n5");
    }
}
