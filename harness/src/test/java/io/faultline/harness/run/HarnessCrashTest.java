package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.harness.cli.FaultlineCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A harness killed with SIGKILL in the middle of a run leaves a history that {@code analyze} still reads. */
class HarnessCrashTest {

    @TempDir
    Path store;

    @Test
    void a_history_survives_kill_minus_9_of_the_harness_and_is_analysed_up_to_its_last_complete_line()
            throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process harness = new ProcessBuilder(
                        java,
                        "-cp",
                        System.getProperty("java.class.path"),
                        FaultlineCommand.class.getName(),
                        "test",
                        "--db",
                        "in-memory",
                        "--nemesis",
                        "none",
                        "--workload",
                        "multi-register",
                        "--rate",
                        "5000",
                        "--time-limit",
                        "60s",
                        "--store",
                        store.toString())
                .redirectErrorStream(true)
                .redirectOutput(store.resolve("harness.out").toFile())
                .start();
        Path history = awaitHistoryWithLines(harness, 2000);

        harness.destroyForcibly().waitFor();

        assertThat(harness.exitValue()).as("killed by SIGKILL").isEqualTo(137);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = FaultlineCommand.execute(
                new String[] {"analyze", history.getParent().toString()},
                new PrintWriter(out, true),
                new PrintWriter(err, true));
        assertThat(err.toString()).isEmpty();
        assertThat(exit).as("a verdict, not bad input: %s", out).isIn(0, 2);
        assertThat(out.toString()).contains(" ops)");
    }

    private Path awaitHistoryWithLines(Process harness, int lines) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            assertThat(harness.isAlive()).as("the harness is still running").isTrue();
            try (Stream<Path> files = Files.walk(store)) {
                List<Path> found = files.filter(p -> p.getFileName().toString().equals("history.jsonl"))
                        .toList();
                if (!found.isEmpty() && Files.size(found.getFirst()) > lines * 60L) {
                    return found.getFirst();
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no history with " + lines + " lines within 60 s");
    }
}
