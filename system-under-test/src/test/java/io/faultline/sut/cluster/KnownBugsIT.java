package io.faultline.sut.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each {@code --bug} switch really changes what a node does, in the way {@code docs/store.md} says. (Whether
 * Faultline's checkers catch the resulting anomalies is for the harness's own tests.)
 */
class KnownBugsIT {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void with_no_fsync_killing_every_node_loses_writes_that_were_acknowledged() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, "--bug", "no-fsync").startAll()) {
            String leader = cluster.awaitLeader("a leader", WAIT);
            for (int i = 0; i < 20; i++) {
                LocalCluster.Response r = cluster.toLeader(leader, "PUT", "/kv/k" + i, "{\"value\":" + i + "}");
                assertThat(r.status()).as("write %d: %s", i, r.body()).isEqualTo(200);
            }

            cluster.killAll();
            cluster.startAll();
            String next = cluster.awaitLeader("a leader after the restart", WAIT);
            LocalCluster.Response last = cluster.toLeader(next, "GET", "/kv/k19", null);

            assertThat(last.field("value"))
                    .as("the last acknowledged write, kept only in memory for up to 5 s: %s", last.body())
                    .contains("null");
        }
    }

    @Test
    void with_stale_reads_a_follower_answers_reads_itself() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, "--bug", "stale-reads").startAll()) {
            String leader = cluster.awaitLeader("a leader", WAIT);
            String follower = cluster.ids().stream()
                    .filter(id -> !id.equals(leader))
                    .findFirst()
                    .orElseThrow();

            LocalCluster.Response read = cluster.get(follower, "/kv/x");

            assertThat(read.status()).as("a follower read: %s", read.body()).isEqualTo(200);
        }
    }

    @Test
    void with_ack_before_commit_a_leader_without_followers_acknowledges_writes() throws Exception {
        assertLoneLeaderAcknowledges("ack-before-commit");
    }

    @Test
    void with_split_brain_a_leader_cut_off_from_the_majority_keeps_acknowledging_writes() throws Exception {
        assertLoneLeaderAcknowledges("split-brain");
    }

    /**
     * Kills both followers and writes to the leader. A leader that notices it lost its majority steps down within
     * two election timeouts (1 s), which a slow kill can outlast; then the followers come back and it is tried
     * again, a few times.
     */
    private void assertLoneLeaderAcknowledges(String bug) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, "--bug", bug).startAll()) {
            for (int attempt = 1; ; attempt++) {
                String leader = cluster.awaitLeader("a leader", WAIT);
                List<String> followers = new ArrayList<>(cluster.ids());
                followers.remove(leader);
                for (String f : followers) {
                    cluster.kill(f);
                }
                Optional<LocalCluster.Response> write = acknowledged(cluster, leader);
                if (write.isEmpty() && attempt < 5) {
                    for (String f : followers) {
                        cluster.start(f);
                    }
                    continue;
                }
                LocalCluster.Response status = cluster.status(leader).orElseThrow();

                assertThat(write)
                        .as("a write no majority stores (%s), in %d attempts", bug, attempt)
                        .isPresent();
                assertThat(status.field("commitIndex").map(Long::parseLong))
                        .as("the acknowledged write is not committed: %s", status.body())
                        .isNotEqualTo(status.field("lastIndex").map(Long::parseLong))
                        .isNotEqualTo(Optional.empty());
                return;
            }
        }
    }

    /** Writes to a leader without followers until it acknowledges, or until it says it is no longer leader. */
    private static Optional<LocalCluster.Response> acknowledged(LocalCluster cluster, String leader)
            throws InterruptedException {
        return LocalCluster.await("an answer other than a timeout from " + leader, WAIT, () -> {
            try {
                LocalCluster.Response r = cluster.put(leader, "/kv/alone", "{\"value\":1}");
                if (r.status() == 200) {
                    return Optional.of(Optional.of(r));
                }
                return r.status() == 421 ? Optional.of(Optional.<LocalCluster.Response>empty()) : Optional.empty();
            } catch (java.io.IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }
}
