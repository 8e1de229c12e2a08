package io.faultline.suites.postgres;

import io.faultline.api.Client;
import io.faultline.api.Completion;
import io.faultline.api.HostPort;
import io.faultline.workloads.generator.Invocation;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.jspecify.annotations.Nullable;

/**
 * Elle's list-append transactions on PostgreSQL at one isolation level: {@code [append k v]} upserts row {@code k}
 * adding {@code v} to its list, {@code [r k nil]} selects it ({@code []} for a row not yet there). With a replica,
 * a transaction of reads only goes to it.
 *
 * <p>Outcomes: every error before {@code COMMIT} is sent leaves the transaction uncommitted (PostgreSQL aborts it,
 * or it dies with the connection), so it is {@code fail}; a serialization failure (SQLSTATE 40001) or deadlock
 * (40P01) is PostgreSQL saying so. An error or silence during {@code COMMIT} is {@code info}: it may have committed.
 */
final class PostgresClient implements Client {

    private final HostPort server;
    private final @Nullable HostPort replica;
    private final int isolation;
    private final Duration timeout;
    private @Nullable Connection connection;
    private @Nullable Connection replicaConnection;

    PostgresClient(HostPort server, int isolation, Duration timeout) {
        this(server, null, isolation, timeout);
    }

    /**
     * @param replica where read-only transactions go (a streaming replica, at repeatable read: a standby refuses
     *     serializable), or null to send everything to {@code server}
     */
    PostgresClient(HostPort server, @Nullable HostPort replica, int isolation, Duration timeout) {
        this.server = server;
        this.replica = replica;
        this.isolation = isolation;
        this.timeout = timeout;
    }

    @Override
    public Completion invoke(Invocation op) {
        if (!op.f().equals("txn") || !(op.value() instanceof List<?> micros)) {
            throw new IllegalArgumentException("the PostgreSQL client runs list-append txns, not " + op.f());
        }
        boolean toReplica = replica != null && micros.stream().allMatch(m -> "r".equals(((List<?>) m).get(0)));
        Connection c;
        List<Object> completed;
        try {
            c = toReplica ? replicaConnection() : connection();
            completed = run(c, micros);
        } catch (SQLException e) {
            return Completion.fail("not committed: " + describe(e));
        }
        try {
            c.commit();
            return Completion.ok(completed);
        } catch (SQLException e) {
            if ("40001".equals(e.getSQLState()) || "40P01".equals(e.getSQLState())) {
                return Completion.fail("not committed: " + describe(e));
            }
            return Completion.info("the commit may or may not have happened: " + describe(e));
        }
    }

    private List<Object> run(Connection c, List<?> micros) throws SQLException {
        List<Object> completed = new ArrayList<>();
        try (PreparedStatement read = c.prepareStatement("SELECT v FROM lists WHERE k = ?");
                PreparedStatement append = c.prepareStatement("INSERT INTO lists (k, v) VALUES (?, ?)"
                        + " ON CONFLICT (k) DO UPDATE SET v = lists.v || ',' || excluded.v")) {
            for (Object m : micros) {
                List<?> micro = (List<?>) m;
                long key = ((Number) micro.get(1)).longValue();
                if ("append".equals(micro.get(0))) {
                    append.setLong(1, key);
                    append.setString(2, String.valueOf(micro.get(2)));
                    append.executeUpdate();
                    completed.add(micro);
                } else {
                    read.setLong(1, key);
                    try (ResultSet rows = read.executeQuery()) {
                        completed.add(
                                Arrays.asList("r", micro.get(1), rows.next() ? list(rows.getString(1)) : List.of()));
                    }
                }
            }
            return completed;
        } catch (SQLException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    static List<Long> list(String text) {
        List<Long> values = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isEmpty()) {
                values.add(Long.valueOf(part));
            }
        }
        return values;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            connection = connect(server, isolation);
        }
        return connection;
    }

    private Connection replicaConnection() throws SQLException {
        if (replicaConnection == null) {
            replicaConnection = connect(replica, Connection.TRANSACTION_REPEATABLE_READ);
        }
        return replicaConnection;
    }

    private Connection connect(HostPort to, int level) throws SQLException {
        {
            Properties props = new Properties();
            props.setProperty("user", "postgres");
            props.setProperty("connectTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
            props.setProperty("socketTimeout", Long.toString(Math.max(1, timeout.toSeconds())));
            props.setProperty("tcpKeepAlive", "true");
            Connection c = DriverManager.getConnection(
                    "jdbc:postgresql://" + to.host() + ":" + to.port() + "/postgres", props);
            c.setAutoCommit(false);
            c.setTransactionIsolation(level);
            return c;
        }
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the connection is gone; the server aborts the transaction with it
        }
    }

    private static String describe(SQLException e) {
        return e.getSQLState() == null ? e.getMessage() : e.getSQLState() + " " + e.getMessage();
    }

    @Override
    public void close() {
        for (Connection c : new Connection[] {connection, replicaConnection}) {
            if (c != null) {
                try {
                    c.close();
                } catch (SQLException ignored) {
                    // closing a broken connection has nothing left to lose
                }
            }
        }
    }
}
