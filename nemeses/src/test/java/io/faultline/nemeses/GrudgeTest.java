package io.faultline.nemeses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GrudgeTest {

    private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

    /** The nodes {@code node} still hears from, itself included. */
    private static Set<String> hears(Grudge g, String node) {
        Set<String> heard = new HashSet<>(FIVE);
        heard.removeAll(g.drops().getOrDefault(node, Set.of()));
        return heard;
    }

    @Test
    void random_halves_cut_a_minority_from_a_majority_in_both_directions() {
        Grudge g = Grudge.randomHalves(FIVE, new SplittableRandom(1));

        List<Integer> sides =
                FIVE.stream().map(n -> hears(g, n).size()).sorted().toList();
        assertThat(sides).containsExactly(2, 2, 3, 3, 3);
        g.drops()
                .forEach((node, dropped) ->
                        dropped.forEach(other -> assertThat(g.drops().get(other))
                                .as("%s drops %s, so %s drops %s", node, other, other, node)
                                .contains(node)));
    }

    @Test
    void isolating_one_node_leaves_it_alone_and_the_rest_together() {
        Grudge g = Grudge.isolateOne(FIVE, new SplittableRandom(2));

        assertThat(FIVE.stream().filter(n -> hears(g, n).size() == 1)).hasSize(1);
        assertThat(FIVE.stream().filter(n -> hears(g, n).size() == 4)).hasSize(4);
    }

    @Test
    void in_a_majorities_ring_every_node_sees_a_different_majority() {
        Grudge g = Grudge.majoritiesRing(FIVE, new SplittableRandom(3));

        Set<Set<String>> views = new HashSet<>();
        for (String node : FIVE) {
            assertThat(hears(g, node)).as("what %s hears", node).hasSize(3).contains(node);
            views.add(hears(g, node));
        }
        assertThat(views).as("no two nodes see the same majority").hasSize(5);
    }

    @Test
    void a_bridge_node_hears_both_halves_which_do_not_hear_each_other() {
        Grudge g = Grudge.bridge(FIVE, new SplittableRandom(4));

        List<String> bridges =
                FIVE.stream().filter(n -> hears(g, n).size() == 5).toList();
        assertThat(bridges).hasSize(1);
        FIVE.stream()
                .filter(n -> !bridges.contains(n))
                .forEach(n -> assertThat(hears(g, n)).hasSize(3).contains(bridges.getFirst()));
    }

    @Test
    void the_same_seed_plans_the_same_grudge() {
        assertThat(Grudge.randomHalves(FIVE, new SplittableRandom(9)))
                .isEqualTo(Grudge.randomHalves(FIVE, new SplittableRandom(9)));
    }

    @Test
    void a_grudge_value_from_the_history_reads_back_as_the_same_grudge() {
        Grudge g = Grudge.majoritiesRing(FIVE, new SplittableRandom(5));

        assertThat(PartitionNemesis.grudgeOf(g.asValue()).asValue()).isEqualTo(g.asValue());
    }

    @Test
    void a_partition_of_fewer_than_two_nodes_is_refused() {
        assertThatThrownBy(() -> Grudge.randomHalves(List.of("n1"), new SplittableRandom(1)))
                .hasMessageContaining("at least 2 nodes");
    }
}
