package io.faultline.sut.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adding a node to a running cluster and removing one, through the admin API. */
class MembershipIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void a_joining_node_is_added_catches_up_and_then_another_member_is_removed() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3).startAll()) {
            String leader = cluster.awaitLeader("a leader", WAIT);
            for (int i = 0; i < 10; i++) {
                assertThat(cluster.toLeader(leader, "PUT", "/kv/k" + i, "{\"value\":" + i + "}")
                                .status())
                        .as("write %d", i)
                        .isEqualTo(200);
            }
            LocalCluster.Node joiner = cluster.startJoiner("n4");
            LocalCluster.await("the joiner answering", WAIT, () -> cluster.status("n4"));

            String addN4 = "{\"id\":\"n4\",\"address\":\"127.0.0.1:" + joiner.peerPort() + "\"}";
            LocalCluster.Response added = cluster.toLeader(leader, "POST", "/admin/members", addN4);
            assertThat(added.status()).as("adding n4: %s", added.body()).isEqualTo(200);
            assertThat(added.body()).as("the new membership").contains("\"members\":[\"n1\",\"n2\",\"n3\",\"n4\"]");
            String target = cluster.status(added.field("node").orElseThrow())
                    .orElseThrow()
                    .field("commitIndex")
                    .orElseThrow();
            LocalCluster.await(
                    "n4 following a leader and applying " + target,
                    WAIT,
                    () -> cluster.status("n4")
                            .filter(s -> !s.field("leader").equals(Optional.of("null")))
                            .flatMap(s -> s.field("appliedIndex"))
                            .filter(a -> Long.parseLong(a) >= Long.parseLong(target)));

            String current = cluster.awaitLeader("the leader with n4 in the cluster", WAIT);
            String removed = cluster.ids().stream()
                    .filter(id -> !id.equals(current) && !id.equals("n4"))
                    .findFirst()
                    .orElseThrow();
            LocalCluster.Response removal = cluster.toLeader(current, "DELETE", "/admin/members/" + removed, null);
            assertThat(removal.status())
                    .as("removing %s: %s", removed, removal.body())
                    .isEqualTo(200);
            cluster.kill(removed);
            LocalCluster.Response write = cluster.toLeader("n4", "PUT", "/kv/after", "{\"value\":\"removal\"}");

            assertThat(removal.body()).as("the membership after removal").doesNotContain("\"" + removed + "\"");
            assertThat(write.status())
                    .as("the three remaining members commit without %s: %s", removed, write.body())
                    .isEqualTo(200);
            LocalCluster.Response twice = cluster.toLeader("n4", "POST", "/admin/members", addN4);
            assertThat(twice.status())
                    .as("adding a member twice changes nothing: %s", twice.body())
                    .isEqualTo(409);
            assertThat(twice.field("error")).as("the rule broken").contains("membership-change-rejected");
        }
    }
}
