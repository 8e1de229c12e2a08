package io.faultline.harness.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code analyze} judges a stored run as the run was judged: by what its db, with the run's options, promises. The
 * same stale read is invalid for the default (linearizable) store and valid for its sequential read mode, with the
 * linearizability verdict shown beside.
 */
class AnalyzeCommandTest {

    /** Process 0 writes 1 and completes; later process 1 reads the initial nil: a stale read. */
    private static final String STALE_READ = String.join(
            "\n",
            "{\"index\":0,\"time\":1000,\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":1}",
            "{\"index\":1,\"time\":2000,\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"value\":1}",
            "{\"index\":2,\"time\":3000,\"type\":\"invoke\",\"process\":1,\"f\":\"read\",\"value\":null}",
            "{\"index\":3,\"time\":4000,\"type\":\"ok\",\"process\":1,\"f\":\"read\",\"value\":null}",
            "");

    @TempDir
    Path store;

    private Path run(String name, String dbOptions) throws IOException {
        Path run = Files.createDirectories(store.resolve(name));
        Files.writeString(
                run.resolve("test.json"),
                "{\"spec\":{\"name\":\"" + name + "\",\"db\":\"faultline-store\",\"workload\":\"register\","
                        + "\"nemesis\":\"none\",\"bugs\":[],\"dbOptions\":" + dbOptions + ",\"keys\":8,\"values\":5}}");
        Files.writeString(run.resolve("history.jsonl"), STALE_READ);
        return run;
    }

    private static String analyze(Path run, int expectedExit) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FaultlineCommand.execute(
                new String[] {"analyze", run.toString()}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertThat(err.toString()).isEmpty();
        assertThat(exit).as(out.toString()).isEqualTo(expectedExit);
        return out.toString();
    }

    @Test
    void a_stale_read_in_a_run_of_the_linearizable_store_is_invalid() throws IOException {
        String out = analyze(run("linearizable", "{}"), 1);

        assertThat(out).contains(": invalid (4 ops)").doesNotContain("consistency:");
    }

    @Test
    void the_same_stale_read_in_a_run_of_the_sequential_read_mode_is_valid_with_linearizability_invalid_beside()
            throws IOException {
        String out = analyze(run("sequential", "{\"read-mode\":\"sequential\"}"), 0);

        assertThat(out)
                .contains(": valid (4 ops)")
                .contains("consistency: sequential (promised; the run's verdict): valid;"
                        + " linearizable (shown beside): invalid.");
    }
}
