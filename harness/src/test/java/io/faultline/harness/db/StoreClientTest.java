package io.faultline.harness.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.HostPort;
import io.faultline.checkers.history.OpType;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Worker;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store client's sessions ({@code read-mode=sequential}) against two fake nodes that speak the store's HTTP API:
 * {@code n1}, the client's own node (a follower), and {@code n2}, the leader.
 */
class StoreClientTest {

    /** One fake node: answers each request with the next queued reply for its method, and records what it got. */
    private static final class FakeNode {
        final HttpServer server;
        final List<String> requests = new CopyOnWriteArrayList<>();
        final Map<String, Deque<Reply>> replies = new LinkedHashMap<>();

        record Reply(int status, String body) {}

        FakeNode() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
            server.createContext("/", this::handle);
            server.start();
        }

        FakeNode answer(String method, int status, String body) {
            replies.computeIfAbsent(method, m -> new ConcurrentLinkedDeque<>()).add(new Reply(status, body));
            return this;
        }

        private void handle(HttpExchange ex) throws IOException {
            ex.getRequestBody().readAllBytes();
            requests.add(ex.getRequestMethod() + " " + ex.getRequestURI());
            Deque<Reply> queue = replies.get(ex.getRequestMethod());
            Reply reply = queue == null || queue.isEmpty()
                    ? new Reply(500, "{\"ok\":false,\"error\":\"internal\",\"definite\":false}")
                    : queue.poll();
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(reply.status(), bytes.length);
            try (var out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }

        HostPort address() {
            return new HostPort("127.0.0.1", server.getAddress().getPort());
        }
    }

    private final FakeNode home;
    private final FakeNode leader;
    private final ClusterView cluster;

    StoreClientTest() throws IOException {
        home = new FakeNode();
        leader = new FakeNode();
        cluster = new ClusterView() {
            @Override
            public List<String> nodes() {
                return List.of("n1", "n2");
            }

            @Override
            public HostPort clientAddress(String node) {
                return node.equals("n1") ? home.address() : leader.address();
            }
        };
    }

    @AfterEach
    void stop() {
        home.server.stop(0);
        leader.server.stop(0);
    }

    private static Invocation op(String f, Object value) {
        return new Invocation(Worker.client(0), 0, f, value, Map.of());
    }

    private static final String NOT_LEADER =
            "{\"ok\":false,\"error\":\"not-leader\",\"definite\":true,\"node\":\"n1\",\"leader\":\"n2\"}";

    private static String read(long value, long index) {
        return "{\"ok\":true,\"node\":\"n1\",\"value\":" + value + ",\"index\":" + index + "}";
    }

    @Test
    void a_session_sends_the_highest_index_any_reply_gave_it_as_min_index_on_each_read() throws Exception {
        home.answer("PUT", 421, NOT_LEADER)
                .answer("GET", 200, read(3, 17))
                .answer("GET", 200, read(3, 20))
                .answer("GET", 200, read(3, 5));
        leader.answer("PUT", 200, "{\"ok\":true,\"node\":\"n2\",\"index\":17}");
        List<String> tokens = new ArrayList<>();
        try (StoreClient client = new StoreClient(cluster, "n1", StoreClient.Family.REGISTERS, true)) {
            tokens.add("before: " + client.token());
            Completion write = client.invoke(op("write", 3L));
            tokens.add("after the write: " + client.token());
            for (int i = 0; i < 3; i++) {
                assertThat(client.invoke(op("read", null)).value()).isEqualTo(3L);
                tokens.add("after read " + i + ": " + client.token());
            }

            assertThat(write.type()).as("the write, followed to the leader").isEqualTo(OpType.OK);
        }

        assertThat(tokens)
                .containsExactly(
                        "before: 0", "after the write: 17", "after read 0: 17", "after read 1: 20", "after read 2: 20");
        assertThat(home.requests)
                .containsExactly(
                        "PUT /kv/r", "GET /kv/r?min-index=17", "GET /kv/r?min-index=17", "GET /kv/r?min-index=20");
        assertThat(leader.requests).containsExactly("PUT /kv/r");
    }

    @Test
    void a_session_reads_only_at_its_own_node_even_when_it_names_a_leader() throws Exception {
        home.answer("GET", 421, NOT_LEADER);
        leader.answer("GET", 200, read(9, 40));
        try (StoreClient client = new StoreClient(cluster, "n1", StoreClient.Family.REGISTERS, true)) {
            Completion read = client.invoke(op("read", null));

            assertThat(read.type()).as("a definite refusal at its own node").isEqualTo(OpType.FAIL);
            assertThat(client.token()).as("no reply gave an index").isZero();
        }
        assertThat(home.requests).containsExactly("GET /kv/r?min-index=0");
        assertThat(leader.requests).as("what the leader was asked").isEmpty();
    }

    @Test
    void a_cas_mismatch_applied_in_the_log_raises_the_token_too() throws Exception {
        home.answer("POST", 421, NOT_LEADER).answer("GET", 200, read(1, 33));
        leader.answer(
                "POST",
                412,
                "{\"ok\":false,\"error\":\"cas-mismatch\",\"definite\":true,\"node\":\"n2\",\"current\":1,\"index\":33}");
        try (StoreClient client = new StoreClient(cluster, "n1", StoreClient.Family.REGISTERS, true)) {
            assertThat(client.invoke(op("cas", List.of(0L, 2L))).type()).isEqualTo(OpType.FAIL);
            client.invoke(op("read", null));
        }
        assertThat(home.requests).containsExactly("POST /kv/r/cas", "GET /kv/r?min-index=33");
    }

    @Test
    void without_sessions_a_read_follows_the_leader_and_sends_no_min_index() throws Exception {
        home.answer("GET", 421, NOT_LEADER);
        leader.answer("GET", 200, read(9, 40));
        try (StoreClient client = new StoreClient(cluster, "n1", StoreClient.Family.REGISTERS)) {
            Completion read = client.invoke(op("read", null));

            assertThat(read.value()).isEqualTo(9L);
            assertThat(client.token()).as("no session, no token").isZero();
        }
        assertThat(home.requests).containsExactly("GET /kv/r");
        assertThat(leader.requests).containsExactly("GET /kv/r");
    }
}
