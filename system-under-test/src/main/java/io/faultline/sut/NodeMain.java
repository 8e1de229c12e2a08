package io.faultline.sut;

import io.faultline.sut.disk.FileStorage;
import io.faultline.sut.disk.ReplicaJournal;
import io.faultline.sut.net.PeerTransport;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.QuorumCodec;
import io.faultline.sut.quorum.QuorumMessage;
import io.faultline.sut.quorum.QuorumNode;
import io.faultline.sut.quorum.QuorumOptions;
import io.faultline.sut.raft.Configuration;
import io.faultline.sut.raft.Message;
import io.faultline.sut.raft.MessageCodec;
import io.faultline.sut.raft.RaftNode;
import io.faultline.sut.raft.RaftOptions;
import io.faultline.sut.raft.StorageFailedException;
import io.faultline.sut.server.Bug;
import io.faultline.sut.server.Engine;
import io.faultline.sut.server.HttpApi;
import io.faultline.sut.server.JsonLog;
import io.faultline.sut.server.Metrics;
import io.faultline.sut.server.QuorumServer;
import io.faultline.sut.server.RaftServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * A Faultline node: one member of a replicated key-value store, running the engine {@code --engine} names (Raft by
 * default) on the shared runtime: the peer transport, the disk journal, the HTTP API, metrics and logs. See {@code docs/store.md} for the HTTP API,
 * the flags and the known bugs it can be started with.
 */
public final class NodeMain {

    private static final int ELECTION_TICKS_MIN = 10;
    private static final int ELECTION_TICKS_MAX = 20;

    private NodeMain() {}

    public static void main(String[] args) throws IOException {
        NodeConfig config;
        try {
            config = NodeConfig.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("faultline-node: " + e.getMessage());
            System.exit(254);
            return;
        }
        JsonLog log = new JsonLog(config.id(), System.out);
        try {
            start(config, log);
        } catch (StorageFailedException | IOException e) {
            log.error("cannot start", Map.of("error", String.valueOf(e.getMessage())));
            System.exit(1);
        }
    }

    private static void start(NodeConfig config, JsonLog log) throws IOException {
        NodeId self = NodeId.of(config.id());
        Map<NodeId, InetSocketAddress> peers = new LinkedHashMap<>();
        config.peers().forEach((id, address) -> peers.put(NodeId.of(id), address(address)));
        Metrics metrics = new Metrics();
        Running running = switch (config.engine()) {
            case "quorum" -> startQuorum(config, self, peers, log, metrics);
            default -> startRaft(config, self, peers, log, metrics);
        };
        HttpApi http = new HttpApi(
                config.httpPort(),
                self,
                running.engine(),
                metrics,
                () -> probePeers(config),
                config.requestTimeoutMillis());
        http.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            running.engine().close();
            try {
                running.transport().close();
            } catch (IOException e) {
                // stopping anyway
            }
        }));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("engine", config.engine());
        fields.put("http_port", http.port());
        fields.put("peer_port", running.transport().port());
        fields.put("peers", String.join(",", config.peers().keySet()));
        fields.put("data_dir", config.dataDir().toString());
        fields.putAll(running.recovered());
        fields.put("read_mode", running.engine().readMode());
        fields.put("bugs", config.bugs().stream().map(Bug::flag).sorted().collect(Collectors.joining(",")));
        log.info("started", fields);
    }

    /** An engine started on its transport, and what it recovered from disk (for the log). */
    private record Running(Engine engine, PeerTransport<?> transport, Map<String, Object> recovered) {}

    private static Running startRaft(
            NodeConfig config, NodeId self, Map<NodeId, InetSocketAddress> peers, JsonLog log, Metrics metrics)
            throws IOException {
        FileStorage storage = FileStorage.open(
                config.dataDir(),
                config.bugs().contains(Bug.NO_FSYNC) ? FileStorage.Durability.NO_FSYNC : FileStorage.Durability.FSYNC);
        long recovered = storage.lastIndex().value();
        RaftOptions options = new RaftOptions(ELECTION_TICKS_MIN, ELECTION_TICKS_MAX, 2, 256, 8, true, true)
                .withCheckQuorum(!config.bugs().contains(Bug.SPLIT_BRAIN));
        Map<NodeId, String> bootstrap = new LinkedHashMap<>();
        bootstrap.put(self, "");
        config.peers().forEach((id, address) -> bootstrap.put(NodeId.of(id), address));
        Configuration initial = config.join() ? Configuration.EMPTY : Configuration.of(bootstrap);
        RaftNode node = new RaftNode(self, initial, storage, options, new Random(new SecureRandom().nextLong()));
        RaftServer raft = new RaftServer(
                node,
                storage,
                config.bugs(),
                config.readMode(),
                config.tickMillis(),
                ELECTION_TICKS_MIN,
                ELECTION_TICKS_MAX,
                config.snapshotEvery(),
                log,
                metrics);
        PeerTransport<Message> transport = new PeerTransport<>(
                config.peerPort(), peers, MessageCodec.WIRE, raft::deliver, message -> log.info(message, Map.of()));
        raft.connect(transport::send);
        // A node that can no longer keep Raft's promises stops, visibly: the harness sees a crashed process.
        raft.onFailure(() -> Runtime.getRuntime().halt(70));
        raft.onMembershipChange(members -> members.members().forEach((id, address) -> {
            // A member's address from this node's own --peers wins: the link may go through a proxy.
            if (!id.equals(self) && !peers.containsKey(id) && !address.isEmpty()) {
                transport.ensureLink(id, address(address));
            }
        }));
        raft.start();
        return new Running(raft, transport, Map.of("recovered_last_index", recovered));
    }

    private static Running startQuorum(
            NodeConfig config, NodeId self, Map<NodeId, InetSocketAddress> peers, JsonLog log, Metrics metrics)
            throws IOException {
        ReplicaJournal journal = ReplicaJournal.open(config.dataDir());
        List<NodeId> replicas = new ArrayList<>();
        replicas.add(self);
        replicas.addAll(peers.keySet());
        int majority = replicas.size() / 2 + 1;
        boolean sloppy = config.bugs().contains(Bug.SLOPPY_R_W);
        int r = sloppy ? 1 : config.readQuorum() == 0 ? majority : config.readQuorum();
        int w = sloppy ? 1 : config.writeQuorum() == 0 ? majority : config.writeQuorum();
        // An operation is given up when the HTTP API would stop waiting for it anyway.
        int timeoutTicks = Math.max(1, config.requestTimeoutMillis() / config.tickMillis());
        QuorumOptions options = new QuorumOptions(
                r,
                w,
                !config.bugs().contains(Bug.NO_WRITE_BACK),
                config.bugs().contains(Bug.LWW_WALL_CLOCK),
                4,
                timeoutTicks);
        QuorumNode node = new QuorumNode(self, replicas, options, journal.state(), journal.nextIncarnation());
        QuorumServer server = new QuorumServer(
                node,
                self,
                replicas,
                journal,
                config.bugs(),
                config.tickMillis(),
                System::currentTimeMillis,
                log,
                metrics);
        PeerTransport<QuorumMessage> transport = new PeerTransport<>(
                config.peerPort(), peers, QuorumCodec.WIRE, server::deliver, message -> log.info(message, Map.of()));
        server.connect(transport::send);
        server.onFailure(() -> Runtime.getRuntime().halt(70));
        server.start();
        Map<String, Object> recovered = new LinkedHashMap<>();
        recovered.put("recovered_keys", journal.state().size());
        recovered.put("read_quorum", r);
        recovered.put("write_quorum", w);
        recovered.put("replicas", replicas.size());
        return new Running(server, transport, recovered);
    }

    private static InetSocketAddress address(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return InetSocketAddress.createUnresolved(
                hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    /** One JSON object: peer id to "reachable", "refused", "timeout" or "error:...". */
    private static String probePeers(NodeConfig config) {
        return config.peers().entrySet().stream()
                .map(e -> "\"" + e.getKey() + "\":\"" + probe(e.getValue()) + "\"")
                .collect(Collectors.joining(",", "{", "}"));
    }

    private static String probe(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(
                    new InetSocketAddress(
                            hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                    1000);
            return "reachable";
        } catch (SocketTimeoutException e) {
            return "timeout";
        } catch (java.net.ConnectException e) {
            return "refused";
        } catch (IOException | RuntimeException e) {
            return "error:" + e.getClass().getSimpleName();
        }
    }
}
