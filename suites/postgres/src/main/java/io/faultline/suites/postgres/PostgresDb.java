package io.faultline.suites.postgres;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Db;
import io.faultline.api.DbOptions;
import io.faultline.api.HostPort;
import io.faultline.api.NodeSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * PostgreSQL as a Faultline database ({@code --db postgres}): one primary, n1 (other nodes, if any, run idle servers).
 * Settings ({@code --db-opt}): {@code isolation=serializable} (the default), {@code repeatable-read} (snapshot
 * isolation in PostgreSQL, which allows write skew: Elle's G2-item) or {@code read-committed}; and
 * {@code replica-reads=true} (two nodes or more): the other nodes are asynchronous streaming replicas of n1, and every
 * odd worker sends its read-only transactions to one of them, where they may see a stale state. Workload:
 * {@code list-append}.
 */
public final class PostgresDb implements Db, Db.ServiceCheck {

    static final Duration CALL_TIMEOUT = Duration.ofSeconds(3);

    private final int isolation;
    private final boolean replicaReads;

    PostgresDb(int isolation, boolean replicaReads) {
        this.isolation = isolation;
        this.replicaReads = replicaReads;
    }

    @Override
    public String name() {
        return "postgres";
    }

    @Override
    public NodeSetup nodes() {
        return NodeSetup.program(new PostgresNode(replicaReads));
    }

    @Override
    public Client openClient(ClusterView cluster, int worker, io.faultline.workloads.Workload workload) {
        if (!workload.name().equals("list-append")) {
            throw new IllegalArgumentException("the PostgreSQL suite runs list-append, not " + workload.name());
        }
        List<String> nodes = cluster.nodes();
        HostPort primary = cluster.clientAddress(nodes.get(0));
        if (replicaReads && nodes.size() < 2) {
            throw new IllegalArgumentException("--db-opt replica-reads=true needs --nodes 2 or more: n1 is the"
                    + " primary and the others its replicas");
        }
        if (!replicaReads || worker % 2 == 0) {
            return new PostgresClient(primary, isolation, CALL_TIMEOUT);
        }
        String replica = nodes.get(1 + (worker / 2) % (nodes.size() - 1));
        return new PostgresClient(primary, cluster.clientAddress(replica), isolation, CALL_TIMEOUT);
    }

    /**
     * Whether the server answers PostgreSQL's SSLRequest (8 bytes; a working server replies 'S' or 'N' at once), a
     * request that needs no login and changes nothing: a paused server accepts the connection but never replies.
     */
    @Override
    public boolean answers(HostPort client, Duration within) {
        try (Socket socket = new Socket()) {
            int millis = (int) Math.max(1, within.toMillis());
            socket.connect(new InetSocketAddress(client.host(), client.port()), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(ByteBuffer.allocate(8).putInt(8).putInt(80877103).array());
            out.flush();
            InputStream in = socket.getInputStream();
            int reply = in.read();
            return reply == 'S' || reply == 'N';
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes {@link PostgresDb}s; registered in {@code META-INF/services}. */
    public static final class Provider implements Db.DbProvider {

        @Override
        public String name() {
            return "postgres";
        }

        @Override
        public Db create(List<String> bugs) {
            return create(bugs, Map.of());
        }

        @Override
        public Db create(List<String> bugs, Map<String, String> options) {
            DbOptions.refuseBugs("postgres", bugs, "choose a weaker level with --db-opt isolation=...");
            DbOptions settings = DbOptions.of("postgres", options, "isolation", "replica-reads");
            int isolation = switch (settings.choice(
                    "isolation", "serializable", "serializable", "repeatable-read", "read-committed")) {
                case "repeatable-read" -> Connection.TRANSACTION_REPEATABLE_READ;
                case "read-committed" -> Connection.TRANSACTION_READ_COMMITTED;
                default -> Connection.TRANSACTION_SERIALIZABLE;
            };
            return new PostgresDb(isolation, settings.flag("replica-reads", false));
        }
    }
}
