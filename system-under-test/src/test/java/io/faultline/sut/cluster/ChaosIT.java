package io.faultline.sut.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients add to a counter and a set on every node while nodes are killed with -9 and restarted (one at a time,
 * every few dozen operations, so a majority is up at most times). Afterwards no acknowledged add is missing and
 * nothing appears that no client tried: what Faultline's checkers prove in depth, checked here in the small.
 */
@Tag("chaos")
class ChaosIT {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final int CLIENTS = 4;
    private static final int OPS_PER_CLIENT = 100;

    @TempDir
    Path dir;

    private enum Fate {
        OK,
        FAIL,
        INFO
    }

    @Test
    void acknowledged_adds_survive_nodes_killed_and_restarted_under_load() throws Exception {
        try (LocalCluster cluster = new LocalCluster(dir, 3, "--snapshot-every", "50").startAll()) {
            cluster.awaitLeader("a leader", WAIT);
            Set<Integer> okElements = ConcurrentHashMap.newKeySet();
            Set<Integer> triedElements = ConcurrentHashMap.newKeySet();
            AtomicInteger okAdds = new AtomicInteger();
            AtomicInteger infoAdds = new AtomicInteger();
            Semaphore progress = new Semaphore(0);
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                clients.add(Thread.ofVirtual().start(() -> {
                    for (int i = 0; i < OPS_PER_CLIENT; i++) {
                        String node =
                                cluster.ids().get((client + i) % cluster.ids().size());
                        if (i % 2 == 0) {
                            int element = client * OPS_PER_CLIENT + i;
                            triedElements.add(element);
                            if (send(cluster, node, "/set/s", "{\"element\":" + element + "}") == Fate.OK) {
                                okElements.add(element);
                            }
                        } else {
                            switch (send(cluster, node, "/counter/c", "{\"delta\":1}")) {
                                case OK -> okAdds.incrementAndGet();
                                case INFO -> infoAdds.incrementAndGet();
                                case FAIL -> {}
                            }
                        }
                        progress.release();
                    }
                }));
            }
            nemesis(cluster, progress);
            for (Thread t : clients) {
                t.join();
            }

            String leader = cluster.awaitLeader("a leader after the faults", WAIT);
            LocalCluster.Response counter =
                    LocalCluster.await("a counter read", WAIT, () -> read(cluster, leader, "/counter/c"));
            LocalCluster.Response set = LocalCluster.await("a set read", WAIT, () -> read(cluster, leader, "/set/s"));
            long value = Long.parseLong(counter.field("value").orElseThrow());
            Set<Integer> elements = elements(set.body());

            assertThat(okAdds.get()).as("the test did something").isPositive();
            assertThat(value)
                    .as("counter: %d acknowledged adds, %d of unknown fate", okAdds.get(), infoAdds.get())
                    .isBetween((long) okAdds.get(), (long) okAdds.get() + infoAdds.get());
            assertThat(elements).as("set: every acknowledged add is there").containsAll(okElements);
            assertThat(triedElements).as("set: nothing no client tried").containsAll(elements);
        }
    }

    /** Kills a random node after every 40 operations and restarts it 20 operations later: no clock involved. */
    private static void nemesis(LocalCluster cluster, Semaphore progress) throws Exception {
        java.util.Random random = new java.util.Random(7);
        int left = CLIENTS * OPS_PER_CLIENT;
        while (left >= 60) {
            progress.acquire(40);
            String victim = cluster.ids().get(random.nextInt(cluster.ids().size()));
            cluster.kill(victim);
            progress.acquire(20);
            cluster.start(victim);
            left -= 60;
        }
    }

    private static Fate send(LocalCluster cluster, String node, String path, String body) {
        try {
            LocalCluster.Response r = cluster.post(node, path, body);
            if (r.status() == 421) {
                Optional<String> leader = r.field("leader").filter(l -> !l.equals("null"));
                if (leader.isEmpty()) {
                    return Fate.FAIL;
                }
                r = cluster.post(leader.get(), path, body);
            }
            if (r.status() == 200) {
                return Fate.OK;
            }
            return r.field("definite").equals(Optional.of("true")) ? Fate.FAIL : Fate.INFO;
        } catch (ConnectException e) {
            return Fate.FAIL; // nothing was sent
        } catch (IOException e) {
            return Fate.INFO;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Fate.INFO;
        }
    }

    private static Optional<LocalCluster.Response> read(LocalCluster cluster, String node, String path) {
        try {
            LocalCluster.Response r = cluster.get(node, path);
            return r.status() == 200 ? Optional.of(r) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Set<Integer> elements(String body) {
        Matcher list = Pattern.compile("\"elements\":\\[([^\\]]*)\\]").matcher(body);
        Set<Integer> out = new HashSet<>();
        if (list.find() && !list.group(1).isBlank()) {
            for (String e : list.group(1).split(",")) {
                out.add(Integer.parseInt(e.trim()));
            }
        }
        return out;
    }
}
