package io.faultline.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.faultline.api.HostPort;
import io.faultline.harness.os.LocalCommand;
import io.faultline.nemeses.LinkControl.Link;
import io.faultline.nemeses.LinkControl.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The container probe's script run on this machine's own shell and Perl (the node image has the same Debian tools)
 * against loopback servers that close, close late, reset, or never answer.
 */
class ExecLinkProbeTest {

    private static final Link LINK = new Link("n1", "n2");
    private static final ExecLinkProbe.Shell LOCAL = (timeout, command) -> {
        LocalCommand.Result r = LocalCommand.run(List.of(command), timeout);
        return new ExecResult(r.exitCode(), r.stdout(), r.stderr());
    };

    private final CountDownLatch testOver = new CountDownLatch(1);
    private ServerSocket server;

    @AfterEach
    void closeServer() throws IOException {
        testOver.countDown();
        if (server != null) {
            server.close();
        }
    }

    @Test
    void a_far_end_that_closes_after_the_half_close_is_seen_closed_with_its_delay() throws Exception {
        serve(socket -> {
            drain(socket);
            sleep(300);
            socket.close();
        });

        assertThat(probe(Duration.ofSeconds(3)))
                .isInstanceOfSatisfying(
                        Probe.Closed.class, c -> assertThat(c.after()).isGreaterThanOrEqualTo(Duration.ofMillis(300)));
    }

    @Test
    void a_port_nobody_listens_on_is_refused() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        int port = server.getLocalPort();
        server.close();

        assertThat(probeAt(port, Duration.ofSeconds(3))).isInstanceOf(Probe.Refused.class);
    }

    @Test
    void a_far_end_that_resets_the_connection_is_seen_reset() throws Exception {
        serve(socket -> {
            drain(socket);
            socket.setSoLinger(true, 0);
            socket.close();
        });

        assertThat(probe(Duration.ofSeconds(3))).isInstanceOf(Probe.Reset.class);
    }

    @Test
    void a_far_end_that_never_closes_is_silent_for_the_patience() throws Exception {
        serve(socket -> {
            drain(socket);
            testOver.await();
        });

        assertThat(probe(Duration.ofSeconds(1))).isEqualTo(new Probe.Silent(Duration.ofSeconds(1)));
    }

    @Test
    void output_that_is_not_an_outcome_is_an_error_naming_the_link() {
        assertThatThrownBy(() -> ExecLinkProbe.parse(
                        LINK, new ExecResult(0, "Can't locate IO/Select.pm|2|1000", ""), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("n1->n2")
                .hasMessageContaining("did not run");
    }

    private interface Handler {
        void handle(Socket socket) throws Exception;
    }

    private void serve(Handler handler) throws IOException {
        server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        ServerSocket listening = server;
        Thread.ofVirtual().start(() -> {
            try (Socket socket = listening.accept()) {
                handler.handle(socket);
            } catch (Exception e) {
                // the server is closed when the test ends
            }
        });
    }

    private Probe probe(Duration patience) {
        return probeAt(server.getLocalPort(), patience);
    }

    private static Probe probeAt(int port, Duration patience) {
        return new ExecLinkProbe(Map.of(LINK, new HostPort("127.0.0.1", port)), LOCAL).probe(LINK, patience);
    }

    private static void drain(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        while (in.read() != -1) {
            // until the probe's half-close
        }
    }

    private static void sleep(long millis) throws InterruptedException {
        Thread.sleep(millis); // the far end's delay under test, not a wait for a condition
    }
}
