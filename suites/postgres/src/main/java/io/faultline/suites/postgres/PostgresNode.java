package io.faultline.suites.postgres;

import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import java.util.List;
import java.util.Optional;

/**
 * A PostgreSQL server from Debian's {@code postgresql} package, on either runtime. PostgreSQL refuses to run as
 * root, so the launcher makes the data directory the {@code postgres} user's and drops to it with {@code setpriv}
 * (which execs, staying in the node's process group). On the node's first start it runs {@code initdb} and creates
 * the suite's table in single-user mode, and lets in the harness's clients from any address without a password (a
 * test cluster on a private network); a restart after a kill finds all that and recovers from the write-ahead log.
 */
final class PostgresNode implements NodeProgram {

    static final String PACKAGE = "postgresql";
    /** Each key is a row; its list is the appended values, comma-separated, in append order. */
    static final String SCHEMA = "CREATE TABLE IF NOT EXISTS lists (k bigint PRIMARY KEY, v text NOT NULL);";

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
                  $as_pg "$bin/initdb" -D "$data" -U postgres --auth=trust --no-sync >/dev/null
                  echo "host all all 0.0.0.0/0 trust" >> "$data/pg_hba.conf"
                  echo "%s" | $as_pg "$bin/postgres" --single -D "$data" postgres >/dev/null
                fi
                exec $as_pg "$bin/postgres" -D "$data" -p "$2" -k "$data" -c listen_addresses="$3" \\
                  -c max_connections=100 -c log_min_messages=warning
                """.formatted(SCHEMA);
        return List.of(
                "sh",
                "-c",
                script,
                "postgres-node",
                node.dataDir(),
                Integer.toString(node.clientPort()),
                node.bindHost());
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
