package io.faultline.workloads.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Generator semantics, shown on logical time with {@link Simulation}: no threads, no clocks. */
class GeneratorTest {

    private static final Duration MS = Duration.ofMillis(1);
    private static final Duration FOREVER = Duration.ofHours(1);

    private static List<Invocation> plan(Generator g, int clients, boolean nemesis, long maxOps) {
        return Simulation.plan(g, clients, nemesis, 42, MS, maxOps, FOREVER);
    }

    private static final Generator READS = Gen.repeat(OpSpec.of("read", null));

    @Test
    void a_single_op_is_emitted_once_and_then_the_generator_is_exhausted() {
        assertThat(plan(Gen.once(OpSpec.of("write", 1L)), 3, false, 100))
                .singleElement()
                .satisfies(op -> assertThat(op.f()).isEqualTo("write"));
    }

    @Test
    void limit_stops_an_endless_generator_after_n_ops() {
        assertThat(plan(Gen.limit(7, READS), 3, false, 100)).hasSize(7);
    }

    @Test
    void a_sequence_runs_each_generator_to_exhaustion_in_order() {
        List<Invocation> ops = plan(
                Gen.seq(Gen.limit(2, Gen.repeat(OpSpec.of("a", null))), Gen.limit(3, Gen.repeat(OpSpec.of("b", null)))),
                2,
                false,
                100);

        assertThat(ops).extracting(Invocation::f).containsExactly("a", "a", "b", "b", "b");
    }

    @Test
    void delay_spaces_consecutive_ops_by_exactly_dt() {
        List<Invocation> ops = plan(Gen.limit(5, Gen.delay(Duration.ofMillis(10), READS)), 4, false, 100);

        assertThat(gaps(ops)).containsOnly(Duration.ofMillis(10).toNanos());
    }

    @Test
    void stagger_draws_gaps_uniformly_from_zero_to_twice_dt_across_all_workers() {
        List<Invocation> ops = plan(Gen.limit(2000, Gen.stagger(Duration.ofMillis(10), READS)), 50, false, 5000);
        List<Long> gaps = gaps(ops);
        double mean = gaps.stream().mapToLong(Long::longValue).average().orElseThrow();

        assertThat(gaps)
                .allSatisfy(
                        g -> assertThat(g).isBetween(0L, Duration.ofMillis(20).toNanos()));
        assertThat(mean).as("mean gap, ns").isBetween(9e6, 11e6);
    }

    @Test
    void time_limit_emits_nothing_at_or_after_its_cutoff_counted_from_the_first_op() {
        Generator g = Gen.seq(
                Gen.once(OpSpec.of("first", null)),
                Gen.timeLimit(Duration.ofMillis(100), Gen.delay(Duration.ofMillis(30), READS)));
        List<Invocation> ops = plan(g, 1, false, 100);

        List<Invocation> reads = ops.stream().filter(o -> o.f().equals("read")).toList();
        long start = reads.getFirst().time();
        assertThat(reads)
                .hasSize(4)
                .allSatisfy(o -> assertThat(o.time() - start).isLessThan(100_000_000L));
    }

    @Test
    void client_ops_go_only_to_clients_and_nemesis_ops_only_to_the_nemesis() {
        Generator g =
                Gen.limit(200, Gen.both(READS, Gen.delay(Duration.ofMillis(5), Gen.repeat(OpSpec.of("kill", null)))));
        List<Invocation> ops = plan(g, 3, true, 1000);

        assertThat(ops).filteredOn(o -> o.f().equals("read")).allMatch(o -> o.worker() instanceof Worker.Client);
        assertThat(ops)
                .filteredOn(o -> o.f().equals("kill"))
                .isNotEmpty()
                .allMatch(o -> o.worker() instanceof Worker.Nemesis);
    }

    @Test
    void each_worker_gets_its_own_copy_of_the_generator() {
        List<Invocation> ops = plan(Gen.clients(Gen.eachWorker(Gen.once(OpSpec.of("final-read", null)))), 4, true, 100);

        assertThat(ops)
                .extracting(Invocation::worker)
                .containsExactlyInAnyOrder(Worker.client(0), Worker.client(1), Worker.client(2), Worker.client(3));
    }

    @Test
    void a_phase_starts_only_when_every_worker_of_the_previous_one_is_free() {
        Generator slowFirst = Gen.clients(Gen.eachWorker(Gen.once(OpSpec.of("a", null))));
        Generator g = Gen.phases(slowFirst, Gen.clients(Gen.once(OpSpec.of("b", null))));
        List<Invocation> ops = Simulation.plan(g, 3, false, 1, Duration.ofMillis(50), 100, FOREVER);

        long lastA = ops.stream()
                .filter(o -> o.f().equals("a"))
                .mapToLong(Invocation::time)
                .max()
                .orElseThrow();
        long b = ops.stream()
                .filter(o -> o.f().equals("b"))
                .findFirst()
                .orElseThrow()
                .time();
        assertThat(b - lastA).as("b waits for every a to complete").isGreaterThanOrEqualTo(50_000_000L);
    }

    @Test
    void sleep_keeps_the_next_phase_waiting_for_its_duration() {
        Generator g = Gen.phases(
                Gen.once(OpSpec.of("a", null)), Gen.sleep(Duration.ofSeconds(2)), Gen.once(OpSpec.of("b", null)));
        List<Invocation> ops = plan(g, 2, false, 100);

        long a = ops.getFirst().time();
        long b = ops.getLast().time();
        assertThat(ops.getLast().f()).isEqualTo("b");
        assertThat(b - a).isGreaterThanOrEqualTo(2_000_000_000L);
    }

    @Test
    void mix_draws_from_every_generator_about_equally() {
        Generator g = Gen.limit(
                3000,
                Gen.mix(
                        Gen.repeat(OpSpec.of("a", null)),
                        Gen.repeat(OpSpec.of("b", null)),
                        Gen.repeat(OpSpec.of("c", null))));
        Map<String, Long> counts =
                plan(g, 5, false, 5000).stream().collect(Collectors.groupingBy(Invocation::f, Collectors.counting()));

        assertThat(counts).containsOnlyKeys("a", "b", "c");
        assertThat(counts.values()).allSatisfy(n -> assertThat(n).isBetween(850L, 1150L));
    }

    @Test
    void flip_flop_alternates_between_two_generators() {
        Generator g = Gen.limit(6, Gen.flipFlop(Gen.repeat(OpSpec.of("a", null)), Gen.repeat(OpSpec.of("b", null))));

        assertThat(plan(g, 1, false, 100)).extracting(Invocation::f).containsExactly("a", "b", "a", "b", "a", "b");
    }

    @Test
    void until_ok_stops_after_the_first_op_that_completes_ok() {
        List<Invocation> ops = plan(Gen.untilOk(Gen.repeat(OpSpec.of("read", null))), 1, false, 100);

        assertThat(ops).hasSize(1);
    }

    @Test
    void cycle_times_gives_each_generator_its_slice_of_every_period() {
        Generator g = Gen.cycleTimes(
                List.of(Duration.ofMillis(100), Duration.ofMillis(50)),
                List.of(
                        Gen.delay(Duration.ofMillis(10), Gen.repeat(OpSpec.of("a", null))),
                        Gen.delay(Duration.ofMillis(10), Gen.repeat(OpSpec.of("b", null)))));
        List<Invocation> ops = Simulation.plan(g, 1, false, 1, Duration.ZERO, 1000, Duration.ofMillis(600));
        long start = ops.getFirst().time();

        assertThat(ops).allSatisfy(o -> {
            long inPeriod = (o.time() - start) % 150_000_000L;
            assertThat(o.f()).isEqualTo(inPeriod < 100_000_000L ? "a" : "b");
        });
        assertThat(ops).extracting(Invocation::f).contains("a", "b");
    }

    @Test
    void reserve_gives_the_first_workers_their_own_generator() {
        Generator g =
                Gen.limit(300, Gen.reserve(new int[] {2}, new Generator[] {Gen.repeat(OpSpec.of("write", 1L))}, READS));
        List<Invocation> ops = plan(g, 5, false, 1000);

        assertThat(ops)
                .filteredOn(o -> o.f().equals("write"))
                .isNotEmpty()
                .allMatch(o -> ((Worker.Client) o.worker()).index() < 2);
        assertThat(ops)
                .filteredOn(o -> o.f().equals("read"))
                .isNotEmpty()
                .allMatch(o -> ((Worker.Client) o.worker()).index() >= 2);
    }

    @Test
    void the_same_seed_plans_the_same_ops_and_another_seed_does_not() {
        Function<Long, List<Invocation>> planWithSeed = seed -> Simulation.plan(
                Gen.limit(
                        500,
                        Gen.both(
                                Gen.stagger(MS, Gen.repeat((ctx, rng) -> OpSpec.of("write", (long) rng.nextInt(100)))),
                                Gen.stagger(
                                        Duration.ofMillis(50),
                                        Gen.repeat((ctx, rng) -> OpSpec.of("kill", (long) rng.nextInt(5)))))),
                10,
                true,
                seed,
                MS,
                1000,
                FOREVER);

        assertThat(planWithSeed.apply(7L)).isEqualTo(planWithSeed.apply(7L));
        assertThat(planWithSeed.apply(7L)).isNotEqualTo(planWithSeed.apply(8L));
    }

    private static List<Long> gaps(List<Invocation> ops) {
        return java.util.stream.IntStream.range(1, ops.size())
                .mapToObj(i -> ops.get(i).time() - ops.get(i - 1).time())
                .toList();
    }
}
