package io.faultline.suites.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.HostPort;
import io.faultline.checkers.history.OpType;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against one real etcd member (Debian's etcd-server on this machine): how each of etcd's answers, and a
 * refused connection, become ok, fail or info.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EtcdClientIT {

    private Process etcd;
    private HostPort client;

    @BeforeAll
    void startOneMember(@TempDir Path dir) throws Exception {
        assumeTrue(onPath("etcd"), "etcd is not installed (apt-get install etcd-server)");
        int clientPort = freePort();
        int peerPort = freePort();
        client = new HostPort("127.0.0.1", clientPort);
        etcd = new ProcessBuilder(new EtcdNode()
                        .command(new io.faultline.api.NodeContext(
                                "n1",
                                "processes",
                                "127.0.0.1",
                                clientPort,
                                peerPort,
                                dir.toString(),
                                Map.of("n1", new HostPort("127.0.0.1", peerPort)),
                                Map.of())))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("etcd.log").toFile())
                .start();
        EtcdDb db = (EtcdDb) new EtcdDb.Provider().create(List.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!db.answers(client, Duration.ofMillis(500))) {
            assertThat(etcd.isAlive())
                    .as("etcd exited: " + Files.readString(dir.resolve("etcd.log")))
                    .isTrue();
            assertThat(System.nanoTime()).as("etcd answered within 30 s").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (etcd != null) {
            etcd.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private EtcdClient clientOf(HostPort address, boolean serializable) {
        return new EtcdClient(view(address), "n1", serializable, false, Duration.ofSeconds(2));
    }

    private static ClusterView view(HostPort address) {
        return new ClusterView() {
            @Override
            public List<String> nodes() {
                return List.of("n1");
            }

            @Override
            public HostPort clientAddress(String node) {
                return address;
            }
        };
    }

    private static Invocation op(String f, Object value, String key) {
        return new Invocation(new Worker.Client(0), 0, f, value, Map.of("key", key));
    }

    @Test
    void a_key_never_written_reads_nil_and_a_written_one_reads_its_value() throws Exception {
        try (EtcdClient c = clientOf(client, false)) {
            assertThat(c.invoke(op("read", null, "fresh"))).isEqualTo(Completion.ok(null));
            assertThat(c.invoke(op("write", 3L, "written")).type()).isEqualTo(OpType.OK);
            assertThat(c.invoke(op("read", null, "written"))).isEqualTo(Completion.ok(3L));
        }
        try (EtcdClient c = clientOf(client, true)) {
            assertThat(c.invoke(op("read", null, "written")))
                    .as("a serializable read")
                    .isEqualTo(Completion.ok(3L));
        }
    }

    @Test
    void a_cas_that_matches_is_ok_and_one_that_does_not_is_fail_and_changes_nothing() throws Exception {
        try (EtcdClient c = clientOf(client, false)) {
            c.invoke(op("write", 1L, "cas"));
            assertThat(c.invoke(op("cas", List.of(1L, 2L), "cas")).type()).isEqualTo(OpType.OK);
            assertThat(c.invoke(op("cas", List.of(1L, 4L), "cas")).type()).isEqualTo(OpType.FAIL);
            assertThat(c.invoke(op("read", null, "cas"))).isEqualTo(Completion.ok(2L));
        }
    }

    @Test
    void a_set_reads_back_every_element_added() throws Exception {
        try (EtcdClient c = new EtcdClient(view(client), "n1", false, true, Duration.ofSeconds(2))) {
            for (long e : new long[] {3, 1, 2}) {
                assertThat(c.invoke(new Invocation(new Worker.Client(0), 0, "add", e, Map.of()))
                                .type())
                        .isEqualTo(OpType.OK);
            }
            assertThat(c.invoke(new Invocation(new Worker.Client(0), 0, "read", null, Map.of())))
                    .isEqualTo(Completion.ok(List.of(1L, 2L, 3L)));
        }
    }

    @Test
    void list_append_transactions_read_their_own_appends_and_later_ones_see_them_in_order() throws Exception {
        try (EtcdTxnClient c = new EtcdTxnClient(view(client), "n1", true, Duration.ofSeconds(2))) {
            Completion first = c.invoke(txn(
                    java.util.Arrays.asList("r", 7L, null),
                    List.of("append", 7L, 1L),
                    java.util.Arrays.asList("r", 7L, null)));
            Completion second = c.invoke(txn(List.of("append", 7L, 2L), java.util.Arrays.asList("r", 8L, null)));
            Completion third = c.invoke(txn(java.util.Arrays.asList("r", 7L, null)));

            assertThat(first)
                    .isEqualTo(Completion.ok(List.of(
                            List.of("r", 7L, List.of()), List.of("append", 7L, 1L), List.of("r", 7L, List.of(1L)))));
            assertThat(second.type()).isEqualTo(OpType.OK);
            assertThat(third).isEqualTo(Completion.ok(List.of(List.of("r", 7L, List.of(1L, 2L)))));
        }
    }

    private static Invocation txn(List<?>... micros) {
        return new Invocation(new Worker.Client(0), 0, "txn", List.of(micros), Map.of());
    }

    @Test
    void a_refused_connection_fails_a_write_but_leaves_a_cas_unknown_to_the_checker() throws Exception {
        HostPort nobody = new HostPort("127.0.0.1", freePort());
        try (EtcdClient c = clientOf(nobody, false)) {
            assertThat(c.invoke(op("write", 1L, "x")).type()).isEqualTo(OpType.FAIL);
            assertThat(c.invoke(op("cas", List.of(1L, 2L), "x")).type())
                    .as("a failed cas would tell the checker the register did not hold 1")
                    .isEqualTo(OpType.INFO);
            assertThat(c.invoke(op("read", null, "x")).type()).isEqualTo(OpType.FAIL);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
