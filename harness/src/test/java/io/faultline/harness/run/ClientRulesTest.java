package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.api.Client;
import io.faultline.api.Completion;
import io.faultline.checkers.history.OpType;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Worker;
import java.io.EOFException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/** The validating wrapper catches the client rules a completion breaks and leaves a correct client's alone. */
class ClientRulesTest {

    private static final Invocation WRITE = new Invocation(Worker.client(0), 0, "write", 1L, Map.of());
    private static final Invocation READ = new Invocation(Worker.client(0), 0, "read", null, Map.of());

    /** An in-memory client that answers every op with the same completion. */
    private record Answering(Completion answer) implements Client {
        @Override
        public Completion invoke(Invocation op) {
            return answer;
        }
    }

    private static Completion through(Completion answer) throws Exception {
        return new ValidatingClient(new Answering(answer)).invoke(WRITE);
    }

    @Test
    void a_client_that_records_a_socket_timeout_as_fail_is_turned_into_info_naming_the_timeout_rule() throws Exception {
        Completion recorded = through(Completion.fail(new SocketTimeoutException("Read timed out")));

        assertThat(recorded.type()).isEqualTo(OpType.INFO);
        assertThat(recorded.error()).isInstanceOf(ClientRules.Broken.class);
        assertThat(((ClientRules.Broken) recorded.error()).rule()).isEqualTo(ClientRules.Rule.TIMEOUT_IS_INFO);
        assertThat(recorded.error().toString())
                .isEqualTo("client rule broken: a timeout is info, never fail — it returned fail with error"
                        + " java.net.SocketTimeoutException: Read timed out");
    }

    @Test
    void every_kind_of_timeout_returned_as_fail_breaks_the_timeout_rule() {
        for (Object error : new Object[] {
            new HttpTimeoutException("request timed out"),
            new TimeoutException(),
            new java.io.InterruptedIOException(),
            new ExecutionException(new TimeoutException()),
            "read timed out",
            "TIMEOUT",
            ":timeout",
            "timeout after 2000 ms"
        }) {
            assertThat(ClientRules.check(WRITE, Completion.fail(error)))
                    .as("fail with %s", error)
                    .hasValueSatisfying(b -> assertThat(b.rule()).isEqualTo(ClientRules.Rule.TIMEOUT_IS_INFO));
        }
    }

    @Test
    void a_connection_lost_after_the_request_may_have_been_sent_returned_as_fail_breaks_the_lost_connection_rule() {
        for (Object error : new Object[] {
            new SocketException("Connection reset"),
            new EOFException("the server closed the stream"),
            new UncheckedIOException(new SocketException("Broken pipe"))
        }) {
            assertThat(ClientRules.check(WRITE, Completion.fail(error)))
                    .as("fail with %s", error)
                    .hasValueSatisfying(b -> assertThat(b.rule()).isEqualTo(ClientRules.Rule.LOST_CONNECTION_IS_INFO));
        }
    }

    @Test
    void a_correct_client_passes_untouched_timeouts_as_info_and_refused_connections_as_fail() throws Exception {
        for (Completion answer : new Completion[] {
            Completion.info(new SocketTimeoutException("Read timed out")),
            Completion.info(new SocketException("Connection reset")),
            Completion.fail(new ConnectException("Connection refused")),
            Completion.fail(new ConnectException("Connection timed out")),
            Completion.fail(new UncheckedIOException(new ConnectException("Connection refused"))),
            Completion.fail(new UnknownHostException("n9")),
            Completion.fail("cas: the register held 3, not 2"),
            Completion.fail("reading the balances failed, nothing was written: timeout at n1"),
            Completion.ok(4L)
        }) {
            assertThat(through(answer)).as("%s", answer).isSameAs(answer);
        }
    }

    @Test
    void a_read_may_fail_on_a_timeout_or_a_lost_connection_because_it_changes_nothing_but_never_return_null() {
        assertThat(ClientRules.check(READ, Completion.fail(new SocketTimeoutException("Read timed out"))))
                .isEmpty();
        assertThat(ClientRules.check(READ, Completion.fail("timeout"))).isEmpty();
        assertThat(ClientRules.check(READ, Completion.fail(new SocketException("Connection reset"))))
                .isEmpty();
        assertThat(ClientRules.check(READ, null))
                .hasValueSatisfying(
                        b -> assertThat(b.rule()).isEqualTo(ClientRules.Rule.COMPLETION_IS_OK_FAIL_OR_INFO));
    }

    @Test
    void a_null_or_invoke_completion_breaks_the_completion_rule() throws Exception {
        Completion fromNull = through(null);
        Completion fromInvoke = through(new Completion(OpType.INVOKE, null, null));

        assertThat(fromNull.type()).isEqualTo(OpType.INFO);
        assertThat(fromNull.error().toString())
                .isEqualTo("client rule broken: invoke returns an ok, fail or info completion, never null — it"
                        + " returned null");
        assertThat(fromInvoke.type()).isEqualTo(OpType.INFO);
        assertThat(((ClientRules.Broken) fromInvoke.error()).rule())
                .isEqualTo(ClientRules.Rule.COMPLETION_IS_OK_FAIL_OR_INFO);
    }
}
