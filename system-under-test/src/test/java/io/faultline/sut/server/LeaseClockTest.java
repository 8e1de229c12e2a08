package io.faultline.sut.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseClockTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final LeaseClock lease = new LeaseClock(now::get, 100);

    @Test
    void a_lease_lasts_from_the_send_of_the_round_a_majority_acknowledged() {
        lease.roundSent(1);
        now.addAndGet(60);
        lease.roundSent(2);
        now.addAndGet(50);

        assertThat(lease.holds(1)).as("110 after round 1 was sent").isFalse();
        assertThat(lease.holds(2)).as("50 after round 2 was sent").isTrue();
    }

    @Test
    void no_acknowledged_round_means_no_lease() {
        lease.roundSent(1);

        assertThat(lease.holds(0)).as("nothing acknowledged").isFalse();
    }

    @Test
    void a_round_counts_from_its_first_send() {
        lease.roundSent(1);
        now.addAndGet(90);
        lease.roundSent(1);
        now.addAndGet(20);

        assertThat(lease.holds(1))
                .as("110 after the first send, 20 after the second")
                .isFalse();
    }

    @Test
    void a_clock_set_back_stretches_a_wall_clock_lease() {
        lease.roundSent(1);
        now.addAndGet(-5_000);

        assertThat(lease.holds(1))
                .as("why leases need a monotonic clock: the lease-no-clock-bound bug")
                .isTrue();
    }
}
