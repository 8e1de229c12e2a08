package io.faultline.sut.cluster;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Nodes of the store as real local processes of {@code target/faultline-node.jar} on free loopback ports. */
final class LocalCluster implements AutoCloseable {

    static final Path JAR = Path.of("target", "faultline-node.jar");

    record Node(String id, int httpPort, int peerPort) {}

    private final Path dir;
    private final Map<String, Node> nodes = new LinkedHashMap<>();
    private final Map<String, Process> processes = new LinkedHashMap<>();
    private final List<String> extraArgs;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    LocalCluster(Path dir, int size, String... extraArgs) throws IOException {
        this.dir = dir;
        this.extraArgs = List.of(extraArgs);
        for (int i = 1; i <= size; i++) {
            nodes.put("n" + i, new Node("n" + i, freePort(), freePort()));
        }
    }

    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    /**
     * A port nothing listens on now, and never handed out before in this JVM: the kernel may offer a port just
     * closed again, and two nodes given one port collide ("Address already in use").
     */
    static synchronized int freePort() throws IOException {
        while (true) {
            try (ServerSocket s = new ServerSocket(0)) {
                if (HANDED_OUT.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
    }

    static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    LocalCluster startAll() throws IOException {
        for (String id : nodes.keySet()) {
            start(id);
        }
        return this;
    }

    /** Starts a new node that waits to be added to the cluster ({@code --join true}). */
    Node startJoiner(String id) throws IOException {
        Node node = new Node(id, freePort(), freePort());
        nodes.put(id, node);
        start(id, List.of("--join", "true"));
        return node;
    }

    Node node(String id) {
        return nodes.get(id);
    }

    void start(String id) throws IOException {
        start(id, List.of());
    }

    private void start(String id, List<String> more) throws IOException {
        Process running = processes.get(id);
        if (running != null && running.isAlive()) {
            throw new IllegalStateException(id + " is running already: a second process would be left behind");
        }
        Node node = nodes.get(id);
        StringBuilder peers = new StringBuilder();
        for (Node other : nodes.values()) {
            if (!other.id().equals(id)) {
                peers.append(peers.isEmpty() ? "" : ",")
                        .append(other.id())
                        .append("=127.0.0.1:")
                        .append(other.peerPort());
            }
        }
        List<String> command = new ArrayList<>(List.of(
                java(),
                "-jar",
                JAR.toString(),
                "--id",
                id,
                "--http-port",
                Integer.toString(node.httpPort()),
                "--peer-port",
                Integer.toString(node.peerPort()),
                "--peers",
                peers.toString(),
                "--data-dir",
                dir.resolve(id).toString()));
        command.addAll(extraArgs);
        command.addAll(more);
        Path log = dir.resolve(id + ".log");
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        processes.put(id, p);
    }

    /** kill -9 of every running node at once (all signals first, then the waits). */
    void killAll() throws InterruptedException {
        for (Process p : processes.values()) {
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            p.waitFor();
        }
        processes.clear();
    }

    /** kill -9. */
    void kill(String id) throws InterruptedException {
        Process p = processes.remove(id);
        p.destroyForcibly();
        p.waitFor();
    }

    /** Polls until a write of {@code json} to {@code path} at {@code id} is acknowledged. */
    Response awaitWrite(String id, String path, String json, Duration within) throws InterruptedException {
        return await("an acknowledged write to " + path + " at " + id, within, () -> {
            try {
                Response r = put(id, path, json);
                return r.status() == 200 ? Optional.of(r) : Optional.empty();
            } catch (IOException e) {
                return Optional.empty();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        });
    }

    List<String> ids() {
        return List.copyOf(nodes.keySet());
    }

    String log(String id) throws IOException {
        Path log = dir.resolve(id + ".log");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    record Response(int status, String body) {
        /** A top-level string or number field, by a regular expression: enough for these tests. */
        Optional<String> field(String name) {
            Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|[-0-9a-z]+)")
                    .matcher(body);
            if (!m.find()) {
                return Optional.empty();
            }
            return Optional.of(m.group(2) != null ? m.group(2) : m.group(1));
        }
    }

    Response get(String id, String path) throws IOException, InterruptedException {
        return send(id, HttpRequest.newBuilder(uri(id, path)).GET());
    }

    /**
     * Sends a request as a client of the cluster would: to {@code first}, then to whichever leader a
     * {@code not-leader} answer names (waiting while none is known), until an answer other than not-leader.
     */
    Response toLeader(String first, String method, String path, String json) throws InterruptedException {
        String target = first;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try {
                HttpRequest.BodyPublisher body =
                        json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json);
                Response r =
                        send(target, HttpRequest.newBuilder(uri(target, path)).method(method, body));
                if (r.status() != 421) {
                    return r;
                }
                target = r.field("leader").filter(l -> !l.equals("null")).orElse(target);
            } catch (IOException e) {
                target = processes.keySet().iterator().next(); // that node is down: ask another
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no leader answered " + method + " " + path + " within 20 s");
            }
            Thread.sleep(20); // polling interval of a deadline-bounded wait
        }
    }

    Response post(String id, String path, String json) throws IOException, InterruptedException {
        return send(id, HttpRequest.newBuilder(uri(id, path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    Response delete(String id, String path) throws IOException, InterruptedException {
        return send(id, HttpRequest.newBuilder(uri(id, path)).DELETE());
    }

    Response put(String id, String path, String json) throws IOException, InterruptedException {
        return send(id, HttpRequest.newBuilder(uri(id, path)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private URI uri(String id, String path) {
        return URI.create("http://127.0.0.1:" + nodes.get(id).httpPort() + path);
    }

    private Response send(String id, HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> r =
                http.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return new Response(r.statusCode(), r.body());
    }

    /** The status of a node, or empty while it does not answer. */
    Optional<Response> status(String id) {
        try {
            return Optional.of(get(id, "/status"));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The leader every running node agrees on, in the same term, or empty. */
    Optional<String> agreedLeader() {
        String leader = null;
        String term = null;
        for (String id : processes.keySet()) {
            Optional<Response> s = status(id);
            if (s.isEmpty()) {
                return Optional.empty();
            }
            Optional<String> l = s.get().field("leader");
            Optional<String> t = s.get().field("term");
            if (l.isEmpty()
                    || l.get().equals("null")
                    || (leader != null && !leader.equals(l.get()))
                    || (term != null && !term.equals(t.orElse("")))) {
                return Optional.empty();
            }
            leader = l.get();
            term = t.orElse("");
        }
        return processes.containsKey(leader) ? Optional.ofNullable(leader) : Optional.empty();
    }

    /** Polls until all running nodes agree on a leader; on timeout the failure shows the end of each node's log. */
    String awaitLeader(String what, Duration within) throws InterruptedException {
        try {
            return await(what, within, this::agreedLeader);
        } catch (AssertionError e) {
            StringBuilder logs = new StringBuilder(e.getMessage());
            for (String id : nodes.keySet()) {
                try {
                    List<String> lines = log(id).lines().toList();
                    Process p = processes.get(id);
                    String state = p == null ? "killed" : p.isAlive() ? "running" : "exited " + p.exitValue();
                    logs.append("\n--- ").append(id).append(" (").append(state).append(')');
                    for (String line : lines.subList(Math.max(0, lines.size() - 6), lines.size())) {
                        logs.append("\n").append(line);
                    }
                } catch (IOException io) {
                    logs.append("\n--- ").append(id).append(": no log: ").append(io.getMessage());
                }
            }
            throw new AssertionError(logs.toString(), e);
        }
    }

    /** Polls until the condition yields a value, or fails naming what was awaited. */
    static <T> T await(String what, Duration within, Supplier<Optional<T>> condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            Optional<T> value = condition.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + within + " waiting for " + what);
            }
            Thread.sleep(20); // polling interval of a deadline-bounded wait, not a wait for an assumed duration
        }
    }

    @Override
    public void close() {
        for (Process p : processes.values()) {
            p.destroyForcibly();
        }
        for (Process p : processes.values()) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        processes.clear();
    }
}
