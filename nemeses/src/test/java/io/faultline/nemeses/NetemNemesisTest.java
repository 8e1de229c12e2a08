package io.faultline.nemeses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class NetemNemesisTest {

    private static final String CLEAN = "50 packets transmitted, 50 received, 0% packet loss, time 500ms\n"
            + "rtt min/avg/max/mdev = 0.050/0.080/0.120/0.010 ms\n";

    /**
     * Three nodes whose {@code tc} succeeds and remembers each node's queue; a ping's output is whatever
     * {@code pingOf} says for the queue on the target.
     */
    private static class FakeNodes implements NodeControl {
        final Map<String, String> queues = new HashMap<>();
        final List<String> commands = new ArrayList<>();
        final Function<String, String> pingOf;

        FakeNodes(Function<String, String> pingOf) {
            this.pingOf = pingOf;
        }

        @Override
        public List<String> nodes() {
            return List.of("n1", "n2", "n3");
        }

        @Override
        public synchronized CommandResult exec(String node, String... command) {
            String line = String.join(" ", command);
            commands.add(node + ": " + line);
            if (line.startsWith("tc qdisc replace")) {
                queues.put(node, line.substring(line.indexOf("netem")));
            } else if (line.contains("tc qdisc del")) {
                queues.remove(node);
            } else if (line.startsWith("tc qdisc show")) {
                return new CommandResult(0, queues.containsKey(node) ? "qdisc " + queues.get(node) : "qdisc noqueue");
            } else if (command[0].equals("ping")) {
                String target = "n" + command[command.length - 1].substring("10.0.0.".length());
                return new CommandResult(0, pingOf.apply(queues.getOrDefault(target, "")));
            }
            return new CommandResult(0, "");
        }

        @Override
        public String address(String node) {
            return "10.0.0." + node.substring(1);
        }

        @Override
        public boolean isolatedNetworks() {
            return true;
        }

        @Override
        public int peerPort(String node) {
            return 9090;
        }

        @Override
        public void kill(String node) {}

        @Override
        public void start(String node) {}

        @Override
        public void pause(String node) {}

        @Override
        public void resume(String node) {}
    }

    @Test
    void a_delay_is_queued_on_the_chosen_node_and_verified_by_a_peers_ping() {
        FakeNodes nodes = new FakeNodes(queue -> queue.contains("delay 100ms")
                ? "50 packets transmitted, 50 received, 0% packet loss, time 600ms\n"
                        + "rtt min/avg/max/mdev = 91.2/100.4/109.9/4.1 ms\n"
                : CLEAN);

        Nemesis.Outcome outcome = new NetemNemesis()
                .invoke("start-netem", Map.of("n2", Netem.delay(100, 10).asValue()), nodes);

        assertThat(outcome.verified()).isTrue();
        assertThat(nodes.commands)
                .contains("n2: tc qdisc replace dev eth0 root netem delay 100ms 10ms distribution normal")
                .contains("n3: ping -q -n -c 50 -i 0.01 -W 2 10.0.0.2");
        assertThat(outcome.note()).startsWith("verified by pings from a peer").contains("rtt min/avg/max 91.2/100.4");
    }

    @Test
    void a_queue_the_kernel_accepts_without_effect_is_reported_as_not_taking_effect() {
        FakeNodes nodes = new FakeNodes(queue -> CLEAN);

        Nemesis.Outcome outcome = new NetemNemesis()
                .invoke("start-netem", Map.of("n1", Netem.loss(30).asValue()), nodes);

        assertThat(outcome.verified()).isFalse();
        assertThat(outcome.note()).startsWith("netem did not show on [n1]");
    }

    @Test
    void stopping_removes_every_queue_and_proves_it_with_tc_show() {
        FakeNodes nodes = new FakeNodes(queue -> CLEAN);
        nodes.queues.put("n3", "netem loss 30%");

        Nemesis.Outcome outcome = new NetemNemesis().invoke("stop-netem", null, nodes);

        assertThat(outcome.verified()).isTrue();
        assertThat(nodes.queues).isEmpty();
        assertThat(outcome.note()).isEqualTo("no netem queue left on any node");
    }

    @Test
    void a_failing_tc_is_a_loud_error_quoting_the_kernel() {
        NodeControl noNetem = new FakeNodes(queue -> CLEAN) {
            @Override
            public synchronized CommandResult exec(String node, String... command) {
                return command[0].equals("tc")
                        ? new CommandResult(2, "Error: Specified qdisc kind is unknown.")
                        : super.exec(node, command);
            }
        };

        assertThatThrownBy(() -> new NetemNemesis()
                        .invoke("start-netem", Map.of("n1", Netem.duplicate(20).asValue()), noNetem))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("on n1 failed: Error: Specified qdisc kind is unknown.");
    }

    @Test
    void reordering_shows_as_some_replies_skipping_the_delay() {
        Netem reorder = Netem.reorder(50, 25);
        PingStats mixed = new PingStats(50, 50, 0, 0, 0.1, 38.0, 50.9);
        PingStats allDelayed = new PingStats(50, 50, 0, 0, 49.8, 50.2, 50.9);

        assertThat(NetemNemesis.effectSeen(reorder, mixed)).isTrue();
        assertThat(NetemNemesis.effectSeen(reorder, allDelayed)).isFalse();
    }

    @Test
    void duplication_needs_duplicate_replies_and_loss_needs_lost_requests() {
        PingStats clean = PingStats.parse(CLEAN);
        PingStats duplicated = new PingStats(50, 50, 9, 0, 0.05, 0.08, 0.12);
        PingStats lossy = new PingStats(50, 38, 0, 24, 0.05, 0.08, 0.12);

        assertThat(NetemNemesis.effectSeen(Netem.duplicate(20), duplicated)).isTrue();
        assertThat(NetemNemesis.effectSeen(Netem.duplicate(20), clean)).isFalse();
        assertThat(NetemNemesis.effectSeen(Netem.loss(20), lossy)).isTrue();
        assertThat(NetemNemesis.effectSeen(Netem.loss(20), clean)).isFalse();
        assertThat(NetemNemesis.effectSeen(Netem.delay(100, 10), clean)).isFalse();
    }
}
