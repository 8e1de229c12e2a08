package io.faultline.sut;

import io.faultline.sut.server.Bug;
import io.faultline.sut.server.ReadMode;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * How a node is started: its id, the ports it listens on, the address it should use for each peer (which may be a
 * proxy in front of the peer rather than the peer itself), where it keeps its data, and the known bugs it should
 * have. Each setting is read from a flag ({@code --http-port 8080} or {@code --http-port=8080}), else from an
 * environment variable ({@code FAULTLINE_HTTP_PORT}), else from the properties file named by {@code --config}
 * ({@code http-port=8080}), else a default.
 *
 * @param dataDir defaults to {@code $TMPDIR/faultline-ID-PEERPORT}, so a restart with the same flags recovers
 * @param tickMillis the Raft clock: elections after 10 to 20 ticks, heartbeats every 2
 * @param snapshotEvery take a snapshot and compact the log after this many applied entries
 * @param engine the replication algorithm: {@code raft} (the default) or {@code quorum} (leaderless ABD registers)
 * @param readQuorum the quorum engine's R, replicas a read waits for; 0 for a majority ({@code sloppy-r-w}: 1)
 * @param writeQuorum the quorum engine's W, replicas a write waits for; 0 for a majority ({@code sloppy-r-w}: 1)
 * @param join start as a non-member of an existing cluster, waiting to be added ({@code POST /admin/members})
 *     instead of forming a cluster with {@code --peers}
 */
record NodeConfig(
        String id,
        int httpPort,
        int peerPort,
        Map<String, String> peers,
        Path dataDir,
        Set<Bug> bugs,
        ReadMode readMode,
        int tickMillis,
        int requestTimeoutMillis,
        boolean join,
        int snapshotEvery,
        String engine,
        int readQuorum,
        int writeQuorum) {

    /** The engines a node can run. */
    static final java.util.List<String> ENGINES = java.util.List.of("raft", "quorum");

    private static final Set<String> FLAGS = Set.of(
            "id",
            "http-port",
            "peer-port",
            "peers",
            "data-dir",
            "bug",
            "read-mode",
            "tick-ms",
            "request-timeout-ms",
            "config",
            "join",
            "snapshot-every",
            "engine",
            "read-quorum",
            "write-quorum");

    NodeConfig {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("--id is required (or FAULTLINE_NODE_ID)");
        }
        if (!id.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("--id may use only letters, digits, '_', '.' and '-', got '" + id + "'");
        }
        if (peers.containsKey(id)) {
            throw new IllegalArgumentException("--peers must not list the node itself ('" + id + "')");
        }
        peers = Map.copyOf(peers);
        bugs = Set.copyOf(bugs);
        if (!ENGINES.contains(engine)) {
            throw new IllegalArgumentException(
                    "--engine must be one of " + String.join(", ", ENGINES) + ", got '" + engine + "'");
        }
        for (Bug bug : bugs) {
            if (!bug.engine().equals(engine)) {
                throw new IllegalArgumentException("--bug " + bug.flag() + " is a known-wrong mode of the "
                        + bug.engine() + " engine, not of --engine " + engine);
            }
        }
        int replicas = peers.size() + 1;
        for (int q : new int[] {readQuorum, writeQuorum}) {
            if (q < 0 || q > replicas) {
                throw new IllegalArgumentException("--read-quorum and --write-quorum must be between 1 and the "
                        + replicas + " replicas (0: a majority), got " + q);
            }
        }
        if (!engine.equals("quorum") && (readQuorum != 0 || writeQuorum != 0)) {
            throw new IllegalArgumentException("--read-quorum and --write-quorum apply to --engine quorum only");
        }
    }

    static NodeConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': flags look like --name value");
            }
            int eq = arg.indexOf('=');
            String name;
            if (eq > 0) {
                name = arg.substring(2, eq);
                flags.put(name, arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                name = arg.substring(2);
                flags.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("flag " + arg + " needs a value");
            }
            if (!FLAGS.contains(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "; known flags: --"
                        + String.join(", --", FLAGS.stream().sorted().toList()));
            }
        }
        Map<String, String> file = readConfigFile(flags.getOrDefault("config", env.get("FAULTLINE_CONFIG")));
        Setting s = (name, fallback) -> {
            String envName = "FAULTLINE_"
                    + (name.equals("id")
                            ? "NODE_ID"
                            : name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            String v = flags.get(name);
            if (v == null) {
                v = env.get(envName);
            }
            if (v == null) {
                v = file.get(name);
            }
            return v == null ? fallback : v;
        };
        String id = s.get("id", null);
        int httpPort = port("http-port", s.get("http-port", "8080"));
        int peerPort = port("peer-port", s.get("peer-port", "9090"));
        String dataDir = s.get("data-dir", null);
        Path dir = dataDir != null
                ? Path.of(dataDir)
                : Path.of(System.getProperty("java.io.tmpdir"), "faultline-" + id + "-" + peerPort);
        return new NodeConfig(
                id,
                httpPort,
                peerPort,
                parsePeers(s.get("peers", "")),
                dir,
                Bug.parse(s.get("bug", "")),
                ReadMode.parse(s.get("read-mode", "read-index")),
                positive("tick-ms", s.get("tick-ms", "50")),
                positive("request-timeout-ms", s.get("request-timeout-ms", "3000")),
                bool("join", s.get("join", "false")),
                positive("snapshot-every", s.get("snapshot-every", "10000")),
                s.get("engine", "raft").trim(),
                quorum("read-quorum", s.get("read-quorum", "0")),
                quorum("write-quorum", s.get("write-quorum", "0")));
    }

    private interface Setting {
        String get(String name, String fallback);
    }

    private static Map<String, String> readConfigFile(String path) {
        Map<String, String> values = new LinkedHashMap<>();
        if (path == null) {
            return values;
        }
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(Path.of(path))) {
            props.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("--config file '" + path + "' cannot be read: " + e.getMessage());
        }
        for (String name : props.stringPropertyNames()) {
            if (!FLAGS.contains(name) || name.equals("config")) {
                throw new IllegalArgumentException("--config file '" + path + "' has unknown setting '" + name + "'");
            }
            values.put(name, props.getProperty(name));
        }
        return values;
    }

    /** Parses {@code n2=host:port,n3=host:port}. */
    static Map<String, String> parsePeers(String spec) {
        Map<String, String> peers = new LinkedHashMap<>();
        for (String part : spec.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0 || part.indexOf(':', eq) < 0) {
                throw new IllegalArgumentException("--peers entry '" + part + "' must look like id=host:port");
            }
            String address = part.substring(eq + 1).trim();
            port("peers", address.substring(address.lastIndexOf(':') + 1));
            peers.put(part.substring(0, eq).trim(), address);
        }
        return peers;
    }

    private static int port(String name, String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a port number 0..65535, got '" + value + "'");
        }
    }

    private static boolean bool(String name, String value) {
        return switch (value.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " must be true or false, got '" + value + "'");
        };
    }

    private static int quorum(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number of replicas, got '" + value + "'");
        }
    }

    private static int positive(String name, String value) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n <= 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a positive integer, got '" + value + "'");
        }
    }
}
