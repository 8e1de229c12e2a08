package io.faultline.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code faultline proxy} entry point: its options, and a real process started and stopped by SIGTERM. */
class ProxyMainTest {

    @Test
    void options_default_to_toxiproxys_address() {
        assertThat(ProxyMain.parse(new String[0]))
                .isEqualTo(new ProxyMain.Options("127.0.0.1", 8474, ListenScope.LOOPBACK_ONLY));
        assertThat(ProxyMain.parse(new String[] {"--host", "0.0.0.0", "--port", "9000"}))
                .as("an API on every interface still keeps its proxies on loopback")
                .isEqualTo(new ProxyMain.Options("0.0.0.0", 9000, ListenScope.LOOPBACK_ONLY));
        assertThat(ProxyMain.parse(new String[] {"--allow-remote-listen", "--host", "0.0.0.0"}))
                .isEqualTo(new ProxyMain.Options("0.0.0.0", 8474, ListenScope.ANY_ADDRESS));
        assertThat(ProxyMain.parse(new String[] {"--help"})).as("help").isNull();
    }

    @Test
    void bad_options_name_the_option_at_fault() {
        assertThatThrownBy(() -> ProxyMain.parse(new String[] {"--port", "http"}))
                .hasMessage("--port must be a number, got \"http\"");
        assertThatThrownBy(() -> ProxyMain.parse(new String[] {"--port", "70000"}))
                .hasMessageContaining("--port must be between 0 and 65535");
        assertThatThrownBy(() -> ProxyMain.parse(new String[] {"--host"})).hasMessage("--host needs a value");
        assertThatThrownBy(() -> ProxyMain.parse(new String[] {"--verbose"}))
                .hasMessage("unknown argument \"--verbose\"");
    }

    @Test
    void the_process_prints_one_line_when_listening_serves_the_api_and_stops_on_sigterm() throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(
                        java, "-cp", System.getProperty("java.class.path"), ProxyMain.class.getName(), "--port", "0")
                .redirectErrorStream(true)
                .start();
        try {
            BufferedReader out =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            Matcher matcher = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)")
                    .matcher(line);
            assertThat(matcher.find()).as(line).isTrue();
            int port = Integer.parseInt(matcher.group(1));
            ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", port);
            assertThat(client.version()).contains(ToxiproxyServer.VERSION);

            process.destroy(); // SIGTERM

            assertThat(process.waitFor(10, TimeUnit.SECONDS))
                    .as("stopped within 10 s")
                    .isTrue();
            assertThat(process.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
            assertThatThrownBy(client::version).isInstanceOf(ConnectException.class);
        } finally {
            process.destroyForcibly();
        }
    }
}
