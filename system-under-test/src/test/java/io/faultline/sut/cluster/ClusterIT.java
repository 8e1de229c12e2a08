package io.faultline.sut.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three real node processes on loopback: election, replication, kill -9 of the leader, and a rejoin. */
class ClusterIT {

    private static final Duration ELECTION = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    @Test
    void a_three_node_cluster_elects_one_leader_and_replicates_writes_to_every_node() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3).startAll()) {
            String leader = cluster.awaitLeader("a leader all nodes agree on", ELECTION);
            String follower = cluster.ids().stream()
                    .filter(id -> !id.equals(leader))
                    .findFirst()
                    .orElseThrow();

            LocalCluster.Response write = cluster.toLeader(leader, "PUT", "/kv/x", "{\"value\":42}");
            LocalCluster.Response redirected = cluster.put(follower, "/kv/x", "{\"value\":43}");
            LocalCluster.Response read = cluster.toLeader(leader, "GET", "/kv/x", null);

            assertThat(write.status())
                    .as("write at the leader: %s", write.body())
                    .isEqualTo(200);
            assertThat(redirected.status())
                    .as("write at a follower: %s", redirected.body())
                    .isEqualTo(421);
            assertThat(redirected.field("leader"))
                    .as("the follower names the leader")
                    .contains(leader);
            assertThat(redirected.field("definite")).as("nothing happened").contains("true");
            assertThat(read.field("value"))
                    .as("read at the leader: %s", read.body())
                    .contains("42");
            String committed =
                    cluster.status(leader).orElseThrow().field("commitIndex").orElseThrow();
            for (String id : cluster.ids()) {
                LocalCluster.await(
                        id + " applying index " + committed,
                        ELECTION,
                        () -> cluster.status(id)
                                .flatMap(s -> s.field("appliedIndex"))
                                .filter(a -> Long.parseLong(a) >= Long.parseLong(committed)));
            }
        }
    }

    @Test
    void acknowledged_writes_survive_kill_minus_nine_of_the_leader_and_the_old_leader_rejoins() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3).startAll()) {
            String leader = cluster.awaitLeader("a first leader", ELECTION);
            Map<String, String> acknowledged = new LinkedHashMap<>();
            for (int i = 0; i < 30; i++) {
                LocalCluster.Response r = cluster.toLeader(leader, "PUT", "/kv/k" + i, "{\"value\":" + i + "}");
                assertThat(r.status()).as("write %d: %s", i, r.body()).isEqualTo(200);
                acknowledged.put("k" + i, Integer.toString(i));
            }

            cluster.kill(leader);
            String next = cluster.awaitLeader("a new leader among the survivors", ELECTION);

            List<String> lost = new ArrayList<>();
            for (Map.Entry<String, String> e : acknowledged.entrySet()) {
                LocalCluster.Response r = cluster.toLeader(next, "GET", "/kv/" + e.getKey(), null);
                if (!r.field("value").equals(Optional.of(e.getValue()))) {
                    lost.add(e.getKey() + " read " + r.body());
                }
            }
            assertThat(next).as("a different node leads").isNotEqualTo(leader);
            assertThat(lost)
                    .as("acknowledged writes missing after the leader was killed")
                    .isEmpty();

            LocalCluster.Response after = cluster.toLeader(next, "PUT", "/kv/after", "{\"value\":\"restart\"}");
            assertThat(after.status())
                    .as("a write to the new leader: %s", after.body())
                    .isEqualTo(200);
            cluster.start(leader);
            String target =
                    cluster.status(next).orElseThrow().field("commitIndex").orElseThrow();
            LocalCluster.await(
                    "the restarted node applying " + target,
                    ELECTION,
                    () -> cluster.status(leader)
                            .flatMap(s -> s.field("appliedIndex"))
                            .filter(a -> Long.parseLong(a) >= Long.parseLong(target)));
            String agreed = cluster.awaitLeader("a leader the restarted node agrees on", ELECTION);
            assertThat(agreed)
                    .as("the cluster has a leader once the old leader is back")
                    .isNotNull();
            assertThat(cluster.log(leader))
                    .as("the restarted node recovered its 31 entries (a no-op and 30 writes) from disk")
                    .containsPattern("\"recovered_last_index\":(3[1-9]|[4-9][0-9])");
        }
    }

    @Test
    void acknowledged_writes_survive_kill_minus_nine_of_every_node() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3).startAll()) {
            String leader = cluster.awaitLeader("a leader", ELECTION);
            for (int i = 0; i < 20; i++) {
                LocalCluster.Response r = cluster.toLeader(leader, "PUT", "/kv/k" + i, "{\"value\":" + i + "}");
                assertThat(r.status()).as("write %d: %s", i, r.body()).isEqualTo(200);
            }

            cluster.killAll();
            cluster.startAll();
            String next = cluster.awaitLeader("a leader after the restart", ELECTION);
            LocalCluster.Response last = cluster.toLeader(next, "GET", "/kv/k19", null);

            assertThat(last.field("value"))
                    .as("the last acknowledged write: %s", last.body())
                    .contains("19");
        }
    }
}
