package io.faultline.nemeses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NetemTest {

    @Test
    void a_delay_with_jitter_renders_as_tc_arguments_with_a_normal_distribution() {
        assertThat(Netem.delay(100, 10).tcArguments())
                .containsExactly("delay", "100ms", "10ms", "distribution", "normal");
    }

    @Test
    void every_part_renders_in_tc_order() {
        assertThat(new Netem(50, 0, 20, 5, 25).tcArguments())
                .containsExactly("delay", "50ms", "loss", "20.00%", "duplicate", "5.00%", "reorder", "25.00%");
    }

    @Test
    void the_op_value_holds_only_the_parts_in_use_and_reads_back_to_the_same_fault() {
        Netem reorder = Netem.reorder(50, 25);

        assertThat(reorder.asValue()).containsExactly(Map.entry("delay-ms", 50L), Map.entry("reorder", 25.0));
        assertThat(Netem.fromValue(reorder.asValue())).isEqualTo(reorder);
    }

    @Test
    void reordering_without_a_delay_is_refused_because_netem_reorders_only_delayed_packets() {
        assertThatThrownBy(() -> new Netem(0, 0, 0, 0, 25))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("delayed packets only");
    }

    @Test
    void an_unknown_key_is_an_error_naming_it() {
        assertThatThrownBy(() -> Netem.fromValue(Map.of("corrupt", 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'corrupt'");
    }

    @Test
    void a_percentage_above_100_is_refused() {
        assertThatThrownBy(() -> Netem.loss(120)).hasMessageContaining("percentages in [0, 100]");
    }
}
