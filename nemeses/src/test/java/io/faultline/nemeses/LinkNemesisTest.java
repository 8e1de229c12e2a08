package io.faultline.nemeses;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.nemeses.LinkControl.Probe;
import io.faultline.nemeses.LinkControl.Toxic;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LinkNemesisTest {

    private static Probe closedAfter(long millis) {
        return new Probe.Closed(Duration.ofMillis(millis));
    }

    @Test
    void a_latency_is_seen_when_the_probe_takes_it_even_if_a_slow_baseline_eats_part_of_the_difference() {
        assertThat(LinkNemesis.effect(new Toxic.Latency(200, 0), closedAfter(42), closedAfter(228)))
                .isNull();
    }

    @Test
    void a_latency_is_not_seen_when_the_probe_is_quicker_than_the_latency() {
        assertThat(LinkNemesis.effect(new Toxic.Latency(200, 0), closedAfter(2), closedAfter(150)))
                .startsWith("a latency of 200 ms was not seen");
    }

    @Test
    void a_slow_probe_that_was_as_slow_before_does_not_count_as_a_latency() {
        assertThat(LinkNemesis.effect(new Toxic.Latency(200, 0), closedAfter(230), closedAfter(260)))
                .startsWith("a latency of 200 ms was not seen");
    }

    @Test
    void a_refused_probe_shows_no_latency() {
        assertThat(LinkNemesis.effect(new Toxic.Latency(50, 5), closedAfter(1), new Probe.Refused()))
                .isNotNull();
    }
}
