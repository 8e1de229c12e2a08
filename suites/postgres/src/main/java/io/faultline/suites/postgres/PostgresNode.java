package io.faultline.suites.postgres;

import io.faultline.api.HostPort;
import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server from Debian's {@code postgresql} package, on either runtime. PostgreSQL refuses to run as
 * root, so the launcher makes the data directory the {@code postgres} user's and drops to it with {@code setpriv}
 * (which execs, staying in the node's process group). On the node's first start it runs {@code initdb} and creates
 * the suite's table in single-user mode, and lets in the harness's clients and replicas from any address without a
 * password (a test cluster on a private network); a restart after a kill finds all that and recovers from the
 * write-ahead log. With replicas, every node but n1 starts as a base backup of n1 and streams its log
 * asynchronously: a replica may lag, so a read from it may be stale. No Unix socket: every client uses TCP.
 */
final class PostgresNode implements NodeProgram {

    static final String PACKAGE = "postgresql";
    /** Each key is a row; its list is the appended values, comma-separated, in append order. */
    static final String SCHEMA = "CREATE TABLE IF NOT EXISTS lists (k bigint PRIMARY KEY, v text NOT NULL);";

    /** The node every client writes to; with replicas, the one they follow. */
    static final String PRIMARY = "n1";

    private final boolean replicas;

    /** @param replicas whether nodes other than n1 are streaming replicas of it (else idle servers of their own) */
    PostgresNode(boolean replicas) {
        this.replicas = replicas;
    }

    @Override
    public List<String> command(NodeContext node) {
        String script = """
                set -e
                bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
                as_pg="setpriv --reuid=postgres --regid=postgres --init-groups"
                data="$1/pg"
                chmod a+x "$1"
                if [ ! -f "$data/PG_VERSION" ]; then
                  mkdir -p "$data"
                  chown postgres:postgres "$data"
                  chmod 700 "$data"
                  if [ "$4" = replica ]; then
                    # a base backup of the primary, which may still be starting; -R makes this a standby of it
                    until $as_pg "$bin/pg_basebackup" -h "$5" -p "$6" -U postgres -D "$data" -R -X stream \
                        >/dev/null 2>&1; do
                      rm -rf "$data"/*
                      sleep 0.5
                    done
                  else
                    $as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --no-sync >/dev/null
                    printf 'host all all 0.0.0.0/0 trust\nhost replication all 0.0.0.0/0 trust\n' \
                      >> "$data/pg_hba.conf"
                    echo "%s" | $as_pg "$bin/postgres" --single -D "$data" postgres >/dev/null
                  fi
                fi
                exec $as_pg "$bin/postgres" -D "$data" -p "$2" -c unix_socket_directories= \
                  -c listen_addresses="$3" -c max_connections=100 -c log_min_messages=warning
                """.formatted(SCHEMA);
        boolean replica = replicas && !node.id().equals(PRIMARY);
        HostPort primary = node.clients().get(PRIMARY);
        return List.of(
                "sh",
                "-c",
                script,
                "postgres-node",
                node.dataDir(),
                Integer.toString(node.clientPort()),
                node.bindHost(),
                replica ? "replica" : "primary",
                primary.host(),
                Integer.toString(primary.port()));
    }

    /** The server is not on {@code PATH} in Debian's package: its programs are under /usr/lib/postgresql. */
    @Override
    public List<String> needs() {
        return List.of("setpriv", "/usr/lib/postgresql");
    }

    @Override
    public Optional<ImageRecipe> image() {
        return Optional.of(ImageRecipe.debian("postgres", List.of(PACKAGE)));
    }
}
