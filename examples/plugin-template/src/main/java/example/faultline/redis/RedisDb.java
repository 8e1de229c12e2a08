package example.faultline.redis;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Db;
import io.faultline.api.DbOptions;
import io.faultline.api.HostPort;
import io.faultline.api.NodeSetup;
import io.faultline.workloads.Workload;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Redis as a Faultline database, {@code --db redis}: nodes from {@link RedisProgram}, clients that serve the
 * register workloads ({@code register}, {@code cas-register}, {@code multi-register}) against the primary n1.
 *
 * <p>Settings ({@code --db-opt}): {@code replicas=true} makes n2... replicas of n1 (see {@link RedisProgram}). Redis replicates asynchronously and clients use only the primary, so replicas change no
 * verdict by themselves; they are there for faults that promote or compare them.
 *
 * <p>Capabilities: {@link Db.ServiceCheck} (PING answers PONG: how the harness verifies that a kill or a pause hit
 * Redis), {@link Db.LogFiles} (each node's {@code redis.log} is kept in the run directory) and {@link Db.Primaries}
 * (n1, for {@code --nemesis kill-primary} and {@code pause-primary}).
 */
public final class RedisDb implements Db, Db.DbProvider, Db.ServiceCheck, Db.LogFiles, Db.Primaries {

    /** The name of the database on the command line. */
    public static final String NAME = "redis";

    /** The log file Redis writes in each node's data directory. */
    static final String LOG_FILE = "redis.log";

    private static final Set<String> REGISTER_OPS = Set.of("read", "write", "cas");

    private final boolean replicas;

    /** The provider, as {@link java.util.ServiceLoader} makes it; also the db without settings. */
    public RedisDb() {
        this(false);
    }

    private RedisDb(boolean replicas) {
        this.replicas = replicas;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Db create(List<String> bugs) {
        return create(bugs, Map.of());
    }

    @Override
    public Db create(List<String> bugs, Map<String, String> options) {
        DbOptions.refuseBugs("redis", bugs, "");
        return new RedisDb(DbOptions.of("redis", options, "replicas").flag("replicas", false));
    }


    @Override
    public NodeSetup nodes() {
        return NodeSetup.program(new RedisProgram(replicas));
    }

    @Override
    public Client openClient(ClusterView cluster, int worker, Workload workload) {
        if (!REGISTER_OPS.containsAll(workload.functions())) {
            throw new IllegalArgumentException("the redis plugin serves the register workloads (read, write, cas),"
                    + " not " + workload.name() + " " + workload.functions());
        }
        return new RedisClient(cluster, RedisProgram.PRIMARY, Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Override
    public boolean answers(HostPort client, Duration within) {
        return Resp.pong(client.host(), client.port(), within);
    }

    @Override
    public List<String> logFiles() {
        return List.of(LOG_FILE);
    }

    @Override
    public List<String> primaries(ClusterView cluster) {
        return List.of(RedisProgram.PRIMARY);
    }
}
