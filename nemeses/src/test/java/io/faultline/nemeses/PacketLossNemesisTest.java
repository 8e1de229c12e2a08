package io.faultline.nemeses;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PacketLossNemesisTest {

    @Test
    void a_five_percent_loss_is_pinged_often_enough_to_be_missed_less_than_once_in_ten_thousand_checks() {
        int pings = PacketLossNemesis.pingsToSee(0.05);

        assertThat(Math.pow(0.95, pings)).isLessThanOrEqualTo(1e-4);
        assertThat(Math.pow(0.95, pings - 1)).isGreaterThan(1e-4);
    }

    @Test
    void a_heavy_loss_still_gets_the_minimum_of_forty_pings_and_a_tiny_one_at_most_five_hundred() {
        assertThat(PacketLossNemesis.pingsToSee(0.3)).isEqualTo(40);
        assertThat(PacketLossNemesis.pingsToSee(0.001)).isEqualTo(500);
    }
}
