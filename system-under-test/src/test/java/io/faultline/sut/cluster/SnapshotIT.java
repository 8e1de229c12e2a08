package io.faultline.sut.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nodes that compact their logs: a node that missed compacted entries catches up from a snapshot. */
class SnapshotIT {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;

    @Test
    void a_node_that_was_down_while_the_others_compacted_catches_up_from_a_snapshot() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, "--snapshot-every", "10").startAll()) {
            String leader = cluster.awaitLeader("a leader", WAIT);
            List<String> followers = new ArrayList<>(cluster.ids());
            followers.remove(leader);
            String lagging = followers.getFirst();
            cluster.kill(lagging);
            for (int i = 0; i < 40; i++) {
                LocalCluster.Response r = cluster.toLeader(leader, "POST", "/counter/c", "{\"delta\":1}");
                assertThat(r.status()).as("add %d: %s", i, r.body()).isEqualTo(200);
            }

            cluster.start(lagging);
            String target =
                    cluster.status(leader).orElseThrow().field("commitIndex").orElseThrow();
            LocalCluster.await(
                    lagging + " applying " + target,
                    WAIT,
                    () -> cluster.status(lagging)
                            .flatMap(s -> s.field("appliedIndex"))
                            .filter(a -> Long.parseLong(a) >= Long.parseLong(target)));
            cluster.kill(leader);
            String next = cluster.awaitLeader("a new leader", WAIT);
            LocalCluster.Response counter = cluster.toLeader(next, "GET", "/counter/c", null);

            assertThat(Files.exists(dir.resolve(leader).resolve("snapshot")))
                    .as("the leader wrote a snapshot")
                    .isTrue();
            assertThat(counter.field("value"))
                    .as("every add, read after the leader died: %s", counter.body())
                    .isEqualTo(Optional.of("40"));
        }
    }
}
