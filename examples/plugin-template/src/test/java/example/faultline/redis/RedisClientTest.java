package example.faultline.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.HostPort;
import io.faultline.checkers.history.OpType;
import io.faultline.harness.run.ClientRules;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Worker;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Each way a Redis op can end maps to the completion the client contract asks for, and the harness's own rule check
 * ({@link ClientRules}, from the test-scoped harness) finds nothing to correct.
 */
class RedisClientTest {

    private static final Duration CONNECT = Duration.ofSeconds(1);
    private static final Duration READ = Duration.ofMillis(300);

    /** The cluster as the client sees it: one node at a fixed address, counting how often it is asked. */
    private static final class OneNode implements ClusterView {
        final HostPort address;
        final AtomicInteger asked = new AtomicInteger();

        OneNode(int port) {
            this.address = new HostPort("127.0.0.1", port);
        }

        @Override
        public List<String> nodes() {
            return List.of("n1");
        }

        @Override
        public HostPort clientAddress(String node) {
            asked.incrementAndGet();
            return address;
        }
    }

    private static Invocation op(String f, Object value) {
        return new Invocation(Worker.client(0), 0, f, value, Map.of());
    }

    /** The completion, once the harness's rules found nothing to correct, judged as strictly as a write's. */
    private static Completion checked(Completion completion) {
        assertThat(ClientRules.check(op("write", 0L), completion))
                .as("rules broken by %s", completion)
                .isEmpty();
        return completion;
    }

    @Test
    void opening_a_client_sends_nothing_and_does_not_even_look_up_the_node() {
        OneNode cluster = new OneNode(6379);

        new RedisClient(cluster, "n1", CONNECT, READ).close();

        assertThat(cluster.asked).hasValue(0);
    }

    @Test
    void a_refused_connection_is_fail_because_nothing_was_sent() throws IOException {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = gone.getLocalPort();
        }
        try (RedisClient client = new RedisClient(new OneNode(closedPort), "n1", CONNECT, READ)) {
            Completion write = checked(client.invoke(op("write", 3L)));

            assertThat(write.type()).isEqualTo(OpType.FAIL);
            assertThat(write.error()).isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void a_node_the_harness_has_no_address_for_is_fail_too() {
        ClusterView down = new ClusterView() {
            @Override
            public List<String> nodes() {
                return List.of("n1");
            }

            @Override
            public HostPort clientAddress(String node) {
                throw new IllegalStateException(node + " is down");
            }
        };
        try (RedisClient client = new RedisClient(down, "n1", CONNECT, READ)) {
            Completion write = checked(client.invoke(op("write", 3L)));

            assertThat(write.type()).isEqualTo(OpType.FAIL);
            assertThat(write.error()).isInstanceOf(ConnectException.class);
            assertThat(write.error().toString()).contains("n1 is down");
        }
    }

    @Test
    void a_server_that_never_answers_makes_the_op_info_after_the_read_timeout() throws IOException {
        try (FakeRedis redis = new FakeRedis(args -> FakeRedis.SILENT);
                RedisClient client = new RedisClient(new OneNode(redis.port()), "n1", CONNECT, READ)) {
            Completion write = checked(client.invoke(op("write", 3L)));

            assertThat(write.type()).isEqualTo(OpType.INFO);
            assertThat(write.error()).isInstanceOf(SocketTimeoutException.class);
            assertThat(redis.received()).containsExactly(List.of("SET", "register-0", "3"));
        }
    }

    @Test
    void a_connection_lost_after_sending_is_info_and_the_write_is_not_retried() throws IOException {
        try (FakeRedis redis = new FakeRedis(args -> FakeRedis.CLOSE);
                RedisClient client = new RedisClient(new OneNode(redis.port()), "n1", CONNECT, READ)) {
            Completion write = checked(client.invoke(op("write", 3L)));

            assertThat(write.type()).isEqualTo(OpType.INFO);
            assertThat(write.error()).isInstanceOf(EOFException.class);
            assertThat(redis.received()).as("sent once, never again").hasSize(1);
        }
    }

    @Test
    void replies_map_to_ok_and_fail_for_each_register_op() throws IOException {
        Map<String, String> answers = Map.of(
                "GET", "$1\r\n4\r\n",
                "SET", "+OK\r\n");
        try (FakeRedis redis = new FakeRedis(args -> args.get(0).equals("EVAL")
                        ? (args.get(4).equals("4") ? ":1\r\n" : ":0\r\n")
                        : answers.get(args.get(0)));
                RedisClient client = new RedisClient(new OneNode(redis.port()), "n1", CONNECT, READ)) {
            assertThat(checked(client.invoke(op("write", 4L)))).isEqualTo(Completion.ok(4L));
            assertThat(checked(client.invoke(op("read", null)))).isEqualTo(Completion.ok(4L));
            assertThat(checked(client.invoke(op("cas", List.of(4L, 1L))))).isEqualTo(Completion.ok(List.of(4L, 1L)));
            assertThat(checked(client.invoke(op("cas", List.of(2L, 1L)))))
                    .isEqualTo(Completion.fail("cas-mismatch"));

            assertThat(redis.received())
                    .containsExactly(
                            List.of("SET", "register-0", "4"),
                            List.of("GET", "register-0"),
                            List.of("EVAL", RedisClient.CAS, "1", "register-0", "4", "1"),
                            List.of("EVAL", RedisClient.CAS, "1", "register-0", "2", "1"));
        }
    }

    @Test
    void a_missing_key_reads_null_an_error_reply_fails_and_a_key_of_a_multi_register_op_is_its_own()
            throws IOException {
        String readOnly = "-READONLY You can't write against a read only replica.\r\n";
        try (FakeRedis redis = new FakeRedis(args -> args.get(0).equals("GET") ? "$-1\r\n" : readOnly);
                RedisClient client = new RedisClient(new OneNode(redis.port()), "n1", CONNECT, READ)) {
            Completion read =
                    checked(client.invoke(new Invocation(Worker.client(0), 0, "read", null, Map.of("key", 7L))));
            Completion write = checked(client.invoke(op("write", 1L)));

            assertThat(read).isEqualTo(Completion.ok(null));
            assertThat(write.type()).isEqualTo(OpType.FAIL);
            assertThat(write.error())
                    .isEqualTo("redis refused write: READONLY You can't write against a read only replica.");
            assertThat(redis.received().get(0)).containsExactly("GET", "register-7");
        }
    }

    @Test
    void a_cas_refused_for_another_reason_than_a_mismatch_is_info_since_a_failed_cas_claims_a_mismatch()
            throws IOException {
        String loading = "-LOADING Redis is loading the dataset in memory\r\n";
        try (FakeRedis redis = new FakeRedis(args -> loading);
                RedisClient client = new RedisClient(new OneNode(redis.port()), "n1", CONNECT, READ)) {
            Completion cas = checked(client.invoke(op("cas", List.of(4L, 1L))));

            assertThat(cas.type()).isEqualTo(OpType.INFO);
            assertThat(String.valueOf(cas.error())).contains("LOADING");
        }
    }
}
