package io.faultline.sut.raft;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * Randomized schedules of the Raft core on a simulated network: every seed draws its own faults (loss, delay,
 * reordering, partitions, crashes that lose unsynced writes) and is checked for Raft's safety properties. Set
 * {@code -Dfaultline.sim.seed=N} to rerun one seed, {@code -Dfaultline.sim.runs=N} for more schedules.
 */
class RaftSimulationTest {

    private static final long FIRST_SEED = Long.getLong("faultline.sim.seed", 1L);
    private static final int RUNS =
            Integer.getInteger("faultline.sim.runs", System.getProperty("faultline.sim.seed") != null ? 1 : 600);

    private static SimulatedCluster runOne(long seed, Supplier<MemoryStorage> storage) {
        return runOne(seed, storage, false);
    }

    private static SimulatedCluster runOne(long seed, Supplier<MemoryStorage> storage, boolean changeMembers) {
        // Mixed first: java.util.Random's first draws barely differ between neighbouring seeds.
        Random faults = new Random(new SplittableRandom(seed).nextLong());
        int size = changeMembers ? 5 : 3 + 2 * faults.nextInt(2);
        SimulatedCluster cluster = new SimulatedCluster(
                seed, size, changeMembers ? 3 : size, SimulatedCluster.Faults.random(faults), storage);
        for (int round = 0; round < 10; round++) {
            cluster.run(300);
            cluster.checker.checkLogMatching();
        }
        return cluster;
    }

    @Test
    void every_randomized_schedule_keeps_raft_safety_properties() {
        long committed = 0;
        long withSnapshotsSent = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + RUNS; seed++) {
            SimulatedCluster cluster = runOne(seed, MemoryStorage::empty);
            boolean recovered = cluster.healAndCommit(5_000);
            cluster.checker.checkLogMatching();
            assertThat(cluster.checker.violations())
                    .as(cluster.checker.describe())
                    .isEmpty();
            assertThat(recovered)
                    .as(
                            "seed %d (rerun with -Dfaultline.sim.seed=%d): once healed, the cluster commits again",
                            seed, seed)
                    .isTrue();
            committed += cluster.checker.committedCount();
            withSnapshotsSent += cluster.trace().contains("InstallSnapshot") ? 1 : 0;
        }
        assertThat(withSnapshotsSent)
                .as("schedules in which a leader had compacted entries a follower lacked, and sent a snapshot")
                .isGreaterThan(RUNS / 10);
        assertThat(committed)
                .as("the schedules commit entries at all, so the checks have something to check")
                .isGreaterThan(RUNS * 10L);
    }

    @Test
    void randomized_schedules_with_members_added_and_removed_keep_raft_safety_properties() {
        long changes = 0;
        for (long seed = FIRST_SEED; seed < FIRST_SEED + RUNS / 2; seed++) {
            SimulatedCluster cluster = runOne(seed, MemoryStorage::empty, true);
            boolean recovered = cluster.healAndCommit(5_000);
            cluster.checker.checkLogMatching();
            assertThat(cluster.checker.violations())
                    .as(cluster.checker.describe())
                    .isEmpty();
            assertThat(recovered)
                    .as(
                            "seed %d (rerun with -Dfaultline.sim.seed=%d): once healed, the cluster commits again",
                            seed, seed)
                    .isTrue();
            changes += cluster.configChanges();
        }
        assertThat(changes).as("the schedules change the membership at all").isGreaterThan(RUNS / 2);
    }

    @Test
    void a_seed_reproduces_its_schedule_exactly() {
        String first = runOne(42, MemoryStorage::empty).trace();
        String second = runOne(42, MemoryStorage::empty).trace();

        assertThat(second).as("same seed, same messages at the same times").isEqualTo(first);
        assertThat(runOne(43, MemoryStorage::empty).trace())
                .as("another seed, another schedule")
                .isNotEqualTo(first);
    }

    @Test
    void the_checks_catch_nodes_that_acknowledge_before_their_writes_are_durable() {
        int caught = 0;
        for (long seed = 1; seed <= 200 && caught == 0; seed++) {
            SimulatedCluster cluster = runOne(seed, MemoryStorage::ignoringSync);
            cluster.checker.checkLogMatching();
            if (!cluster.checker.violations().isEmpty()) {
                caught++;
            }
        }
        assertThat(caught)
                .as("some schedule with crashes loses a committed entry when sync is ignored")
                .isPositive();
    }
}
