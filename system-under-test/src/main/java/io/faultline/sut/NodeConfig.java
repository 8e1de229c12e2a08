package io.faultline.sut;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a node is started: its id, the ports it listens on, and the address it should use for each peer (which may
 * be a proxy in front of the peer rather than the peer itself). Read from flags, falling back to environment
 * variables ({@code FAULTLINE_NODE_ID}, {@code FAULTLINE_HTTP_PORT}, {@code FAULTLINE_PEER_PORT},
 * {@code FAULTLINE_PEERS}).
 */
record NodeConfig(String id, int httpPort, int peerPort, Map<String, String> peers) {

    NodeConfig {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("--id is required (or FAULTLINE_NODE_ID)");
        }
        peers = Map.copyOf(peers);
    }

    static NodeConfig parse(String[] args, Map<String, String> env) {
        Map<String, String> flags = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "': flags look like --name value");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                flags.put(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.length) {
                flags.put(arg.substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("flag " + arg + " needs a value");
            }
        }
        String id = flags.getOrDefault("id", env.get("FAULTLINE_NODE_ID"));
        int httpPort =
                port("http-port", flags.getOrDefault("http-port", env.getOrDefault("FAULTLINE_HTTP_PORT", "8080")));
        int peerPort =
                port("peer-port", flags.getOrDefault("peer-port", env.getOrDefault("FAULTLINE_PEER_PORT", "9090")));
        return new NodeConfig(
                id,
                httpPort,
                peerPort,
                parsePeers(flags.getOrDefault("peers", env.getOrDefault("FAULTLINE_PEERS", ""))));
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
            peers.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
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
}
