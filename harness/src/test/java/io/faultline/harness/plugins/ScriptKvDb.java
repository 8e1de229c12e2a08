package io.faultline.harness.plugins;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.Db;
import io.faultline.api.DbOptions;
import io.faultline.api.HostPort;
import io.faultline.api.ImageRecipe;
import io.faultline.api.NodeContext;
import io.faultline.api.NodeProgram;
import io.faultline.api.NodeSetup;
import io.faultline.workloads.Workload;
import io.faultline.workloads.generator.Invocation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin db whose node is not Java: {@code kv.py}, a small Python 3 key-value HTTP server (a test resource), as a
 * user really writes one, with only the plugin API. Its clients all talk to n1 (reads, writes and compare-and-sets
 * of the register workload); it checks a node's service with {@code GET /ping} and keeps each node's
 * {@code kv.json}. The setting {@code escape=true} starts the server from a launcher shell in a session of its own,
 * so that a pause of the launcher's group does not reach it (a deliberately broken node).
 */
public final class ScriptKvDb implements Db, Db.ServiceCheck, Db.LogFiles, Db.DbProvider {

    /** Where the containers runtime's image holds the script. */
    static final String IMAGE_SCRIPT = "/opt/kv/kv.py";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final boolean escape;
    private final boolean slowStart;

    public ScriptKvDb() {
        this(false, false);
    }

    private ScriptKvDb(boolean escape, boolean slowStart) {
        this.escape = escape;
        this.slowStart = slowStart;
    }

    @Override
    public String name() {
        return "script-kv";
    }

    @Override
    public Db create(List<String> bugs) {
        return create(bugs, Map.of());
    }

    /**
     * Takes three settings: {@code escape=true|false}; {@code service-check=false}, which makes a db without
     * {@link Db.ServiceCheck} whose program keeps the default readiness (a TCP connect); and {@code slow-start=true},
     * whose server waits 3 s before it listens.
     */
    @Override
    public Db create(List<String> bugs, Map<String, String> options) {
        DbOptions.refuseBugs("script-kv", bugs, "");
        DbOptions settings = DbOptions.of("script-kv", options, "escape", "service-check", "slow-start");
        ScriptKvDb db = new ScriptKvDb(settings.flag("escape", false), settings.flag("slow-start", false));
        return settings.flag("service-check", true) ? db : new Unchecked(db);
    }

    /** The same db without a service check: its program's readiness is NodeProgram's default, a TCP connect. */
    private record Unchecked(ScriptKvDb db) implements Db, Db.LogFiles {
        @Override
        public String name() {
            return db.name();
        }

        @Override
        public NodeSetup nodes() {
            return NodeSetup.program(db.program(false));
        }

        @Override
        public Client openClient(ClusterView cluster, int worker, Workload workload) {
            return db.openClient(cluster, worker, workload);
        }

        @Override
        public List<String> logFiles() {
            return db.logFiles();
        }
    }

    /** The server script's text. */
    static String script() {
        try (InputStream in = ScriptKvDb.class.getResourceAsStream("kv.py")) {
            if (in == null) {
                throw new IllegalStateException("kv.py is missing from the test resources");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The script as a file on this machine, for local processes. */
    private static synchronized Path localScript() {
        try {
            Path file = Path.of(
                    System.getProperty("java.io.tmpdir"),
                    "faultline-script-kv-" + Integer.toHexString(script().hashCode()) + ".py");
            if (!Files.exists(file)) {
                Path temp = Files.createTempFile(file.getParent(), "kv-", ".partial");
                Files.writeString(temp, script());
                Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public NodeSetup nodes() {
        return NodeSetup.program(program(true));
    }

    /** The node program; {@code pingReady}: ready when {@code /ping} answers, else the default TCP connect. */
    private NodeProgram program(boolean pingReady) {
        return new NodeProgram() {
            @Override
            public List<String> command(NodeContext node) {
                String script = node.runtime().equals("containers")
                        ? IMAGE_SCRIPT
                        : localScript().toString();
                List<String> server = List.of(
                        "python3",
                        script,
                        "--id",
                        node.id(),
                        "--host",
                        node.bindHost(),
                        "--port",
                        Integer.toString(node.clientPort()),
                        "--data-dir",
                        node.dataDir());
                if (slowStart) {
                    return List.of(
                            "sh",
                            "-c",
                            "sleep 3; exec "
                                    + String.join(
                                            " ",
                                            server.stream()
                                                    .map(ScriptKvDb::quoted)
                                                    .toList()));
                }
                if (!escape) {
                    return server;
                }
                // The launcher's group gets the signals; the server leads a session of its own and escapes them.
                return List.of(
                        "sh",
                        "-c",
                        "setsid "
                                + String.join(
                                        " ",
                                        server.stream().map(ScriptKvDb::quoted).toList()) + " & wait");
            }

            @Override
            public Optional<ImageRecipe> image() {
                return Optional.of(ImageRecipe.debian(
                        "script-kv", List.of("python3"), new ImageRecipe.ImageFile(IMAGE_SCRIPT, script(), true)));
            }

            @Override
            public boolean ready(HostPort client, Duration within) {
                return pingReady ? answers(client, within) : NodeProgram.super.ready(client, within);
            }
        };
    }

    private static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    @Override
    public boolean answers(HostPort client, Duration within) {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(client.http("/ping")).timeout(within).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public List<String> logFiles() {
        return List.of("kv.json");
    }

    @Override
    public Client openClient(ClusterView cluster, int worker, Workload workload) {
        String node = cluster.nodes().getFirst();
        return op -> invoke(cluster.clientAddress(node), op);
    }

    /**
     * One op: {@code fail} only when it certainly did not happen (a refused connection for a read or write, a cas
     * mismatch); a timeout, a lost connection or an unexpected answer is {@code info}.
     */
    private static Completion invoke(HostPort node, Invocation op) throws InterruptedException {
        String key = op.extra().containsKey("key") ? "k" + op.extra().get("key") : "r";
        HttpRequest.Builder request = switch (op.f()) {
            case "read" -> HttpRequest.newBuilder(node.http("/kv/" + key)).GET();
            case "write" -> HttpRequest.newBuilder(node.http("/kv/" + key)).PUT(body(Map.of("value", op.value())));
            case "cas" -> {
                List<?> pair = (List<?>) op.value();
                yield HttpRequest.newBuilder(node.http("/kv/" + key + "/cas"))
                        .POST(body(Map.of("from", pair.get(0), "to", pair.get(1))));
            }
            default -> throw new IllegalArgumentException("script-kv has no op '" + op.f() + "'");
        };
        HttpResponse<String> response;
        try {
            response = HTTP.send(request.timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            return op.f().equals("cas") ? Completion.info("connection refused") : Completion.fail("connection refused");
        } catch (IOException e) {
            return Completion.info(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (response.statusCode() == 409) {
            return Completion.fail("cas-mismatch");
        }
        if (response.statusCode() != 200) {
            return Completion.info("HTTP " + response.statusCode() + ": " + response.body());
        }
        if (!op.f().equals("read")) {
            return Completion.ok(op.value());
        }
        try {
            JsonNode value = JSON.readTree(response.body()).get("value");
            return Completion.ok(value == null || value.isNull() ? null : value.asLong());
        } catch (IOException e) {
            return Completion.info("unreadable answer: " + response.body());
        }
    }

    private static HttpRequest.BodyPublisher body(Map<String, Object> fields) {
        try {
            return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(fields));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
