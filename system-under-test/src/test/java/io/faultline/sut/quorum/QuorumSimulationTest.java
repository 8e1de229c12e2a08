package io.faultline.sut.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * Randomized schedules of the quorum core on a simulated network: every seed draws its own faults (loss, delay,
 * reordering, partitions that heal, crashes that lose unsynced writes) and client load, and the history is checked
 * for ABD atomicity. Set {@code -Dfaultline.sim.seed=N} to rerun one seed, {@code -Dfaultline.sim.runs=N} for more.
 * Each known-wrong setting must fail the same check in some seeds, which shows that the check can fail.
 */
class QuorumSimulationTest {

    private static final long FIRST_SEED = Long.getLong("faultline.sim.seed", 1L);
    private static final int RUNS =
            Integer.getInteger("faultline.sim.runs", System.getProperty("faultline.sim.seed") != null ? 1 : 2000);
    private static final int BROKEN_RUNS = 500;
    private static final long LOAD = 1_000;

    /**
     * What a seed runs: options for its cluster size, a bound on the nodes' clock offsets, a fixed cluster size (or
     * 0 for 3 or 5 as the seed draws) and the keys its clients use.
     */
    private record Scenario(IntFunction<QuorumOptions> options, int clockSkew, int fixedSize, List<String> keys) {
        static final Scenario CORRECT = new Scenario(QuorumOptions::majority, 0, 0, List.of("x", "y"));
    }

    private static SimulatedQuorum runOne(long seed, Scenario scenario) {
        // Mixed first: java.util.Random's first draws barely differ between neighbouring seeds.
        Random faults = new Random(new SplittableRandom(seed ^ 0x5DEECE66DL).nextLong());
        int size = scenario.fixedSize() > 0 ? scenario.fixedSize() : 3 + 2 * faults.nextInt(2);
        SimulatedQuorum sim = new SimulatedQuorum(
                seed,
                size,
                scenario.options().apply(size),
                SimulatedQuorum.Faults.random(faults, scenario.clockSkew()),
                scenario.keys());
        sim.run(LOAD);
        sim.settle();
        return sim;
    }

    private static String describe(long seed, String violation) {
        return "seed " + seed + " (rerun with -Dfaultline.sim.seed=" + seed + "): " + violation;
    }

    @Test
    void every_randomized_schedule_keeps_quorum_reads_and_writes_atomic() {
        long completed = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
            SimulatedQuorum sim = runOne(seed, Scenario.CORRECT);
            String violation = sim.checker.firstViolation();
            assertThat(violation)
                    .as("%s", violation == null ? "" : describe(seed, violation))
                    .isNull();
            completed += sim.checker.completedCount();
        }
        System.out.printf("%d operations completed in %d schedules%n", completed, RUNS);
        assertThat(completed)
                .as("the schedules complete operations at all, so the check has something to check")
                .isGreaterThan(RUNS * 20L);
    }

    @Test
    void a_seed_reproduces_its_schedule_exactly() {
        String first = runOne(42, Scenario.CORRECT).trace();
        String second = runOne(42, Scenario.CORRECT).trace();

        assertThat(second).as("same seed, same messages at the same times").isEqualTo(first);
        assertThat(runOne(43, Scenario.CORRECT).trace())
                .as("another seed, another schedule")
                .isNotEqualTo(first);
    }

    /** How many of {@link #BROKEN_RUNS} seeds break atomicity in the {@code expected} way; prints the first. */
    private static int violatingSeeds(String bug, Scenario scenario, String expected) {
        int violating = 0;
        String first = null;
        for (long seed = 1; seed <= BROKEN_RUNS; seed++) {
            String violation = runOne(seed, scenario).checker.firstViolation();
            if (violation != null && violation.startsWith(expected)) {
                violating++;
                if (first == null) {
                    first = describe(seed, violation);
                }
            }
        }
        System.out.printf(
                "%s: %d of %d seeds show a %s; the first: %s%n", bug, violating, BROKEN_RUNS, expected, first);
        return violating;
    }

    @Test
    void the_check_catches_reads_without_write_back_in_a_new_old_inversion() {
        Scenario noWriteBack = new Scenario(n -> QuorumOptions.majority(n).withWriteBack(false), 0, 0, List.of("x"));

        assertThat(violatingSeeds("no-write-back", noWriteBack, "new/old inversion"))
                .as("seeds of %d with a new/old inversion", BROKEN_RUNS)
                .isPositive();
    }

    @Test
    void the_check_catches_stale_reads_with_quorums_that_do_not_intersect() {
        Scenario sloppy = new Scenario(n -> QuorumOptions.majority(n).withQuorums(1, 1), 0, 3, List.of("x", "y"));

        assertThat(violatingSeeds("sloppy-r-w", sloppy, "stale read"))
                .as("seeds of %d with a stale read", BROKEN_RUNS)
                .isPositive();
    }

    @Test
    void the_check_catches_lost_updates_with_wall_clock_versions_and_skewed_clocks() {
        Scenario wallClock = new Scenario(
                n -> QuorumOptions.majority(n).withWallClockVersions(true),
                50 * SimulatedQuorum.TICK,
                0,
                List.of("x", "y"));

        assertThat(violatingSeeds("lww-wall-clock", wallClock, "lost update"))
                .as("seeds of %d with a lost update", BROKEN_RUNS)
                .isPositive();
    }
}
