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
            String leader = LocalCluster.await("a leader", WAIT, cluster::agreedLeader);
            for (int i = 0; i < 20; i++) {
                LocalCluster.Response r = cluster.put(leader, "/kv/k" + i, "{\"value\":" + i + "}");
                assertThat(r.status()).as("write %d: %s", i, r.body()).isEqualTo(200);
            }

            for (String id : cluster.ids()) {
                cluster.kill(id);
            }
            cluster.startAll();
            String next = LocalCluster.await("a leader after the restart", WAIT, cluster::agreedLeader);
            LocalCluster.Response last = cluster.get(next, "/kv/k19");

            assertThat(last.field("value"))
                    .as("the last acknowledged write, kept only in memory for up to a second: %s", last.body())
                    .contains("null");
        }
    }

    @Test
    void with_stale_reads_a_follower_answers_reads_itself() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, "--bug", "stale-reads").startAll()) {
            String leader = LocalCluster.await("a leader", WAIT, cluster::agreedLeader);
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

    private void assertLoneLeaderAcknowledges(String bug) throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, "--bug", bug).startAll()) {
            String leader = LocalCluster.await("a leader", WAIT, cluster::agreedLeader);
            List<String> followers = new ArrayList<>(cluster.ids());
            followers.remove(leader);
            for (String f : followers) {
                cluster.kill(f);
            }

            LocalCluster.Response write = cluster.awaitWrite(leader, "/kv/alone", "{\"value\":1}", WAIT);
            LocalCluster.Response status = cluster.status(leader).orElseThrow();

            assertThat(write.status())
                    .as("a write no majority stores (%s)", bug)
                    .isEqualTo(200);
            assertThat(status.field("commitIndex").map(Long::parseLong))
                    .as("the acknowledged write is not committed: %s", status.body())
                    .isNotEqualTo(status.field("lastIndex").map(Long::parseLong))
                    .isNotEqualTo(Optional.empty());
        }
    }
}
