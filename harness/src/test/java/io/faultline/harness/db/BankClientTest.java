package io.faultline.harness.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.HostPort;
import io.faultline.checkers.history.OpType;
import io.faultline.harness.cluster.Cluster;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.ClusterSpec;
import io.faultline.harness.cluster.Node;
import io.faultline.workloads.bank.BankWorkload;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Worker;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The bank client against a real three-node store on local processes. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BankClientTest {

    private static final BankWorkload BANK = new BankWorkload(3, 10, 5);

    private Cluster cluster;
    private ClusterView view;

    @BeforeAll
    void startThreeNodes(@TempDir Path workDir) {
        cluster = ClusterRuntime.PROCESSES.start(ClusterSpec.of(3, workDir));
        view = new ClusterView() {
            @Override
            public List<String> nodes() {
                return cluster.nodes().stream().map(n -> n.id().name()).toList();
            }

            @Override
            public HostPort clientAddress(String node) {
                return cluster.nodes().stream()
                        .filter(n -> n.id().name().equals(node))
                        .findFirst()
                        .map(Node::clientAddress)
                        .orElseThrow();
            }
        };
    }

    /** A started node answers its health check before the cluster has elected a leader: wait for one. */
    @BeforeAll
    void waitForALeader() throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        Completion read = call(0, "read", null);
        while (read.type() != OpType.OK && System.nanoTime() < deadline) {
            java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L); // the poll interval
            read = call(0, "read", null);
        }
        assertThat(read.type()).as("a read once a leader is elected: %s", read).isEqualTo(OpType.OK);
    }

    @AfterAll
    void close() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Completion call(int worker, String f, Object value) throws Exception {
        try (Client client = new BundledStore(List.of()).openClient(view, worker, BANK)) {
            return client.invoke(new Invocation(new Worker.Client(worker), 0, f, value, Map.of()));
        }
    }

    private static Map<String, Object> transfer(long from, long to, long amount) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("from", from);
        t.put("to", to);
        t.put("amount", amount);
        return t;
    }

    @Test
    void concurrent_transfers_through_every_node_keep_the_total_and_never_overdraw() throws Exception {
        List<Callable<Completion>> transfers = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            int worker = i;
            transfers.add(() -> call(worker, "transfer", transfer(worker % 3, (worker + 1) % 3, 1 + worker % 5)));
        }
        List<Completion> outcomes = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(6)) {
            for (Future<Completion> f : pool.invokeAll(transfers)) {
                outcomes.add(f.get());
            }
        }

        Completion read = call(0, "read", null);

        assertThat(outcomes).as("%s", outcomes).extracting(Completion::type).contains(OpType.OK);
        assertThat(outcomes)
                .as("a transfer is ok or fails; nothing here times out")
                .allMatch(c -> c.type() == OpType.OK || c.type() == OpType.FAIL);
        assertThat(read.type()).isEqualTo(OpType.OK);
        Map<Object, Object> balances = new LinkedHashMap<>((Map<?, ?>) read.value());
        assertThat(balances.keySet()).containsExactlyInAnyOrder(0L, 1L, 2L);
        assertThat(balances.values().stream().mapToLong(v -> (Long) v).sum())
                .as("total")
                .isEqualTo(BANK.total());
        assertThat(balances.values()).allMatch(v -> (Long) v >= 0);
    }

    @Test
    void a_transfer_larger_than_the_balance_fails_and_moves_nothing() throws Exception {
        Map<?, ?> before = (Map<?, ?>) call(1, "read", null).value();

        Completion overdraw = call(1, "transfer", transfer(2, 0, (Long) before.get(2L) + 1));

        assertThat(overdraw.type()).isEqualTo(OpType.FAIL);
        assertThat(overdraw.error().toString()).contains("insufficient funds");
        assertThat(call(2, "read", null).value()).isEqualTo(before);
    }
}
