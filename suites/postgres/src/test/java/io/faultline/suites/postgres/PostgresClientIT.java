package io.faultline.suites.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.faultline.api.Completion;
import io.faultline.api.HostPort;
import io.faultline.api.NodeContext;
import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.checkers.txn.ListAppendAnalysis;
import io.faultline.checkers.txn.ListAppendChecker;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The node program and client against a real PostgreSQL server (Debian's package on this machine), and write skew
 * made on purpose: two interleaved transactions at each isolation level, recorded as a list-append history and
 * handed to the Elle-style checker, which must name G2-item at repeatable read and find nothing at serializable.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresClientIT {

    private Process postgres;
    private HostPort server;

    @BeforeAll
    void startAServer() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/usr/lib/postgresql")), "postgresql is not installed");
        // Under target/, not a 0700 temporary folder: the server runs as the postgres user, who must reach it.
        Path dir = Files.createDirectories(
                        Path.of("target", "pg-it-" + ProcessHandle.current().pid()))
                .toAbsolutePath();
        int port = freePort();
        server = new HostPort("127.0.0.1", port);
        postgres = new ProcessBuilder(new PostgresNode(false)
                        .command(new NodeContext(
                                "n1",
                                "processes",
                                "127.0.0.1",
                                port,
                                freePort(),
                                dir.toString(),
                                Map.of("n1", new HostPort("127.0.0.1", 1)),
                                Map.of())))
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("postgres.log").toFile())
                .start();
        PostgresDb db = (PostgresDb) new PostgresDb.Provider().create(List.of());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!db.answers(server, Duration.ofMillis(500))) {
            assertThat(postgres.isAlive())
                    .as("postgres exited: " + Files.readString(dir.resolve("postgres.log")))
                    .isTrue();
            assertThat(System.nanoTime()).as("postgres answered within 60 s").isLessThan(deadline);
            Thread.sleep(100);
        }
        // the port answers before the server takes logins; wait for a login
        while (true) {
            try (Connection c = connect(Connection.TRANSACTION_READ_COMMITTED)) {
                break;
            } catch (SQLException notYet) {
                assertThat(System.nanoTime())
                        .as("postgres took logins within 60 s")
                        .isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    @AfterAll
    void stop() throws InterruptedException {
        if (postgres != null) {
            postgres.destroy();
            if (!postgres.waitFor(20, TimeUnit.SECONDS)) {
                postgres.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void appends_are_read_back_in_order_and_a_row_never_written_reads_empty() {
        try (PostgresClient client =
                new PostgresClient(server, Connection.TRANSACTION_SERIALIZABLE, Duration.ofSeconds(3))) {
            Completion first = client.invoke(txn(List.of("append", 1001L, 1L), List.of("append", 1001L, 2L)));
            Completion read = client.invoke(txn(Arrays.asList("r", 1001L, null), Arrays.asList("r", 1002L, null)));

            assertThat(first.type()).isEqualTo(OpType.OK);
            assertThat(read)
                    .isEqualTo(Completion.ok(
                            List.of(List.of("r", 1001L, List.of(1L, 2L)), List.of("r", 1002L, List.of()))));
        }
    }

    @Test
    void a_server_that_is_not_there_fails_the_transaction_which_never_committed() {
        try (PostgresClient client = new PostgresClient(
                new HostPort("127.0.0.1", freePortUnchecked()),
                Connection.TRANSACTION_SERIALIZABLE,
                Duration.ofSeconds(1))) {
            assertThat(client.invoke(txn(List.of("append", 1L, 1L))).type()).isEqualTo(OpType.FAIL);
        }
    }

    @Test
    void write_skew_at_repeatable_read_is_caught_as_g2_item() throws Exception {
        CheckResult result = new ListAppendChecker().check(writeSkew(Connection.TRANSACTION_REPEATABLE_READ, 10));

        assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
        assertThat(((ListAppendAnalysis) result.details()).anomalyTypes()).contains("G2-item");
    }

    @Test
    void the_same_interleaving_at_serializable_aborts_one_transaction_and_checks_valid() throws Exception {
        List<Op> history = writeSkew(Connection.TRANSACTION_SERIALIZABLE, 20);

        assertThat(history).extracting(Op::type).contains(OpType.FAIL);
        assertThat(new ListAppendChecker().check(history).verdict()).isEqualTo(Verdict.VALID);
    }

    /**
     * T1 and T2 each read keys a and b (both empty), then T1 appends to a and T2 to b, and both commit: each missed
     * the other's write, a cycle of two read-write anti-dependencies. Recorded as Elle sees it, with a final read.
     */
    private List<Op> writeSkew(int isolation, long base) throws Exception {
        long a = base;
        long b = base + 1;
        List<Op> history = new ArrayList<>();
        try (Connection t1 = connect(isolation);
                Connection t2 = connect(isolation)) {
            List<Object> r1 = readBoth(t1, a, b);
            List<Object> r2 = readBoth(t2, a, b);
            history.add(invoke(history, 0, List.of(r(a), r(b), List.of("append", a, 1L))));
            history.add(invoke(history, 1, List.of(r(b), r(a), List.of("append", b, 2L))));
            append(t1, a, 1);
            boolean first = commit(t1);
            history.add(complete(history, 0, first, List.of(r1.get(0), r1.get(1), List.of("append", a, 1L))));
            boolean second;
            try {
                append(t2, b, 2);
                second = commit(t2);
            } catch (SQLException e) {
                t2.rollback();
                second = false;
            }
            history.add(complete(history, 1, second, List.of(r2.get(1), r2.get(0), List.of("append", b, 2L))));
        }
        try (Connection t3 = connect(Connection.TRANSACTION_SERIALIZABLE)) {
            List<Object> finals = readBoth(t3, a, b);
            t3.commit();
            history.add(invoke(history, 2, List.of(r(a), r(b))));
            history.add(complete(history, 2, true, finals));
        }
        return history;
    }

    private static List<Object> r(long key) {
        return Arrays.asList("r", key, null);
    }

    private static Op invoke(List<Op> history, int process, Object value) {
        return Op.of(history.size(), OpType.INVOKE, ProcessId.client(process), "txn", value);
    }

    private static Op complete(List<Op> history, int process, boolean committed, List<Object> value) {
        return Op.of(history.size(), committed ? OpType.OK : OpType.FAIL, ProcessId.client(process), "txn", value);
    }

    private static List<Object> readBoth(Connection c, long a, long b) throws SQLException {
        List<Object> reads = new ArrayList<>();
        for (long key : new long[] {a, b}) {
            try (var select = c.prepareStatement("SELECT v FROM lists WHERE k = ?")) {
                select.setLong(1, key);
                try (var rows = select.executeQuery()) {
                    reads.add(
                            Arrays.asList("r", key, rows.next() ? PostgresClient.list(rows.getString(1)) : List.of()));
                }
            }
        }
        return reads;
    }

    private static void append(Connection c, long key, long value) throws SQLException {
        try (var upsert = c.prepareStatement("INSERT INTO lists (k, v) VALUES (?, ?)"
                + " ON CONFLICT (k) DO UPDATE SET v = lists.v || ',' || excluded.v")) {
            upsert.setLong(1, key);
            upsert.setString(2, Long.toString(value));
            upsert.executeUpdate();
        }
    }

    private static boolean commit(Connection c) throws SQLException {
        try {
            c.commit();
            return true;
        } catch (SQLException e) {
            if ("40001".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    private Connection connect(int isolation) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        Connection c = DriverManager.getConnection(
                "jdbc:postgresql://" + server.host() + ":" + server.port() + "/postgres", props);
        c.setAutoCommit(false);
        c.setTransactionIsolation(isolation);
        return c;
    }

    private static Invocation txn(List<?>... micros) {
        return new Invocation(new Worker.Client(0), 0, "txn", List.of(micros), Map.of());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress("127.0.0.1", 0));
            return s.getLocalPort();
        }
    }

    private static int freePortUnchecked() {
        try {
            return freePort();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
