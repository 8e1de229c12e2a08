package io.faultline.nemeses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PingStatsTest {

    @Test
    void a_clean_run_has_every_reply_and_its_round_trips() {
        PingStats stats = PingStats.parse("""
                PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.

                --- 127.0.0.1 ping statistics ---
                5 packets transmitted, 5 received, 0% packet loss, time 63ms
                rtt min/avg/max/mdev = 0.019/0.031/0.050/0.010 ms
                """);

        assertThat(stats).isEqualTo(new PingStats(5, 5, 0, 0.0, 0.019, 0.031, 0.050));
    }

    @Test
    void a_run_with_nothing_back_has_full_loss_and_no_round_trips() {
        PingStats stats = PingStats.parse("""
                --- 10.254.254.254 ping statistics ---
                3 packets transmitted, 0 received, +3 errors, 100% packet loss, time 30ms
                """);

        assertThat(stats.lossPercent()).isEqualTo(100.0);
        assertThat(stats.received()).isZero();
        assertThat(stats.duplicates()).isZero();
        assertThat(stats.avgMillis()).isNull();
    }

    @Test
    void duplicate_replies_are_counted_apart_from_loss() {
        PingStats stats = PingStats.parse("""
                50 packets transmitted, 48 received, +11 duplicates, 4% packet loss, time 512ms
                rtt min/avg/max/mdev = 100.112/104.830/121.007/4.410 ms, pipe 2
                """);

        assertThat(stats.duplicates()).isEqualTo(11);
        assertThat(stats.lossPercent()).isEqualTo(4.0);
        assertThat(stats.avgMillis()).isEqualTo(104.830);
    }

    @Test
    void an_output_without_the_summary_is_an_error_quoting_it() {
        assertThatThrownBy(() -> PingStats.parse("ping: 10.0.0.9: Name or service not known"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ping printed no summary")
                .hasMessageContaining("Name or service not known");
    }
}
