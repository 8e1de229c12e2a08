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
                assertThat(cluster.put(leader, "/kv/k" + i, "{\"value\":" + i + "}")
                                .status())
                        .as("write %d", i)
                        .isEqualTo(200);
            }
            LocalCluster.Node joiner = cluster.startJoiner("n4");
            LocalCluster.await("the joiner answering", WAIT, () -> cluster.status("n4"));

            LocalCluster.Response added = cluster.post(
                    leader, "/admin/members", "{\"id\":\"n4\",\"address\":\"127.0.0.1:" + joiner.peerPort() + "\"}");
            assertThat(added.status()).as("adding n4: %s", added.body()).isEqualTo(200);
            assertThat(added.body()).as("the new membership").contains("\"members\":[\"n1\",\"n2\",\"n3\",\"n4\"]");
            String target =
                    cluster.status(leader).orElseThrow().field("commitIndex").orElseThrow();
            LocalCluster.await(
                    "n4 following " + leader + " and applying " + target,
                    WAIT,
                    () -> cluster.status("n4")
                            .filter(s -> s.field("leader").equals(Optional.of(leader)))
                            .flatMap(s -> s.field("appliedIndex"))
                            .filter(a -> Long.parseLong(a) >= Long.parseLong(target)));

            String removed = cluster.ids().stream()
                    .filter(id -> !id.equals(leader) && !id.equals("n4"))
                    .findFirst()
                    .orElseThrow();
            LocalCluster.Response removal = cluster.delete(leader, "/admin/members/" + removed);
            assertThat(removal.status())
                    .as("removing %s: %s", removed, removal.body())
                    .isEqualTo(200);
            cluster.kill(removed);
            LocalCluster.Response write = cluster.put(leader, "/kv/after", "{\"value\":\"removal\"}");

            assertThat(removal.body()).as("the membership after removal").doesNotContain("\"" + removed + "\"");
            assertThat(write.status())
                    .as("the three remaining members commit without %s: %s", removed, write.body())
                    .isEqualTo(200);
            LocalCluster.Response twice = cluster.post(
                    leader, "/admin/members", "{\"id\":\"n4\",\"address\":\"127.0.0.1:" + joiner.peerPort() + "\"}");
            assertThat(twice.status())
                    .as("adding a member twice changes nothing: %s", twice.body())
                    .isEqualTo(409);
            assertThat(twice.field("error")).as("the rule broken").contains("membership-change-rejected");
        }
    }
}
