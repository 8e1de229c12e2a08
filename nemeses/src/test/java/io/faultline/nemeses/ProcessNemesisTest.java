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
        /** Whether the nodes' services can be asked (a database with a service check). */
        boolean checked = false;
        /** Nodes whose signals reach only a launcher: the service goes on answering. */
        java.util.Set<String> launcherOnly = new java.util.HashSet<>();

        final java.util.Set<String> silent = java.util.concurrent.ConcurrentHashMap.newKeySet();

        private void down(String node) {
            if (!launcherOnly.contains(node)) {
                silent.add(node);
            }
        }

        @Override
        public java.util.Optional<Boolean> answers(String node, java.time.Duration within) {
            return checked ? java.util.Optional.of(!silent.contains(node)) : java.util.Optional.empty();
        }

        @Override
        public List<String> nodes() {
            return List.of("n1", "n2", "n3", "n4", "n5");
        }

        @Override
        public void kill(String node) {
            record("kill " + node);
            down(node);
        }

        @Override
        public void start(String node) {
            record("start " + node);
            silent.remove(node);
        }

        @Override
        public void pause(String node) {
            record("pause " + node);
            down(node);
        }

        @Override
        public void resume(String node) {
            record("resume " + node);
            silent.remove(node);
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
    void a_pause_that_silences_the_service_is_verified_by_that_silence() {
        nodes.checked = true;

        Nemesis.Outcome pause = nemesis.invoke("pause", List.of("n1", "n2"), nodes);
        Nemesis.Outcome resume = nemesis.invoke("resume", List.of("n1", "n2"), nodes);

        assertThat(pause.verified()).as(pause.note()).isTrue();
        assertThat(pause.note()).contains("the service went silent");
        assertThat(resume.verified()).as(resume.note()).isTrue();
        assertThat(resume.note()).contains("the service answers again");
    }

    @Test
    void a_pause_or_kill_that_reaches_only_a_launcher_is_not_verified_and_names_the_node() {
        nodes.checked = true;
        nodes.launcherOnly = java.util.Set.of("n2");

        Nemesis.Outcome pause = nemesis.invoke("pause", List.of("n1", "n2"), nodes);
        Nemesis.Outcome kill = nemesis.invoke("kill", List.of("n2"), nodes);

        assertThat(pause.verified()).isFalse();
        assertThat(pause.note())
                .startsWith("pause did not take effect on n2:")
                .contains("its service still answered within 500 ms")
                .doesNotContain("n1,");
        assertThat(kill.verified()).isFalse();
        assertThat(kill.note()).startsWith("kill did not take effect on n2:");
    }

    @Test
    void a_resume_after_which_the_service_stays_silent_is_not_verified() {
        nodes.checked = true;
        nemesis.invoke("pause", List.of("n4"), nodes);
        nodes.silent.add("n4");
        NodeControl stuck = new ForwardingNodes(nodes) {
            @Override
            public void resume(String node) {
                nodes.record("resume " + node); // the signal is sent, the service never comes back
            }
        };

        Nemesis.Outcome resume = nemesis.invoke("resume", List.of("n4"), stuck);

        assertThat(resume.verified()).isFalse();
        assertThat(resume.note()).contains("did not answer within 5 s");
    }

    @Test
    void without_a_service_check_the_note_says_the_service_was_not_checked() {
        Nemesis.Outcome pause = nemesis.invoke("pause", List.of("n1"), nodes);

        assertThat(pause.verified()).isTrue();
        assertThat(pause.note()).contains("service not checked on n1");
    }

    @Test
    void a_pause_whose_check_only_opens_a_connection_is_not_verified_and_says_why_while_its_kill_is() {
        nodes.checked = true; // a TCP connect: it answers for a killed node's absence, not for a paused one
        NodeControl connectOnly = new ForwardingNodes(nodes) {
            @Override
            public java.util.Optional<Boolean> answers(String node, java.time.Duration within) {
                return java.util.Optional.of(true); // a stopped process's kernel still accepts the connection
            }

            @Override
            public java.util.Optional<String> pauseUnobservable(String node) {
                return java.util.Optional.of("the db kv has no service check");
            }
        };

        Nemesis.Outcome pause = nemesis.invoke("pause", List.of("n1"), connectOnly);
        Nemesis.Outcome kill = nemesis.invoke("kill", List.of("n2"), nodes);

        assertThat(pause.verified()).isFalse();
        assertThat(pause.note()).isEqualTo("pause not verified on n1: the db kv has no service check");
        assertThat(nodes.actions).contains("pause n1");
        assertThat(kill.verified()).as(kill.note()).isTrue();
    }

    /** Passes everything to another fake, for tests that change one action. */
    private static class ForwardingNodes implements NodeControl {
        private final NodeControl to;

        ForwardingNodes(NodeControl to) {
            this.to = to;
        }

        @Override
        public List<String> nodes() {
            return to.nodes();
        }

        @Override
        public void kill(String node) {
            to.kill(node);
        }

        @Override
        public void start(String node) {
            to.start(node);
        }

        @Override
        public void pause(String node) {
            to.pause(node);
        }

        @Override
        public void resume(String node) {
            to.resume(node);
        }

        @Override
        public java.util.Optional<Boolean> answers(String node, java.time.Duration within) {
            return to.answers(node, within);
        }

        @Override
        public boolean isolatedNetworks() {
            return to.isolatedNetworks();
        }

        @Override
        public CommandResult exec(String node, String... command) {
            return to.exec(node, command);
        }

        @Override
        public String address(String node) {
            return to.address(node);
        }

        @Override
        public int peerPort(String node) {
            return to.peerPort(node);
        }
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
