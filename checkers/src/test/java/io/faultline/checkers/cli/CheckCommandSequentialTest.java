package io.faultline.checkers.cli;

import static io.faultline.checkers.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check --model sequential}: sequential consistency from the command line. */
class CheckCommandSequentialTest {
    private static final String STALE_READ = String.join(
            "\n",
            "{:process 0, :type :invoke, :f :write, :value 1}",
            "{:process 0, :type :ok, :f :write, :value 1}",
            "{:process 1, :type :invoke, :f :read, :value nil}",
            "{:process 1, :type :ok, :f :read, :value 0}");

    private static final String READS_OUT_OF_ORDER = String.join(
            "\n",
            "{:process 0, :type :invoke, :f :write, :value 1}",
            "{:process 0, :type :ok, :f :write, :value 1}",
            "{:process 0, :type :invoke, :f :write, :value 2}",
            "{:process 0, :type :ok, :f :write, :value 2}",
            "{:process 1, :type :invoke, :f :read, :value nil}",
            "{:process 1, :type :ok, :f :read, :value 2}",
            "{:process 1, :type :invoke, :f :read, :value nil}",
            "{:process 1, :type :ok, :f :read, :value 1}");

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    @Test
    void a_stale_read_is_valid_as_sequential_and_invalid_as_linearizable() throws IOException {
        Path f = file("stale.edn", STALE_READ);

        CheckCommandTest.Run sequential = run("--model", "sequential:register", "--initial", "0", f.toString());
        CheckCommandTest.Run linear = run("--model", "register", "--initial", "0", f.toString());

        assertThat(sequential.exit()).as(sequential.out() + sequential.err()).isEqualTo(0);
        assertThat(sequential.out()).contains("valid").contains("sequential");
        assertThat(linear.exit()).as(linear.out() + linear.err()).isEqualTo(1);
    }

    @Test
    void plain_sequential_guesses_the_data_model_and_reports_the_counterexample_with_exit_1() throws IOException {
        Path f = file("reads.edn", READS_OUT_OF_ORDER);

        CheckCommandTest.Run r = run("--model", "sequential", "--initial", "0", f.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("Not sequentially consistent").contains("process 1 read -> 1");
    }

    @Test
    void json_output_carries_the_verdict_and_the_counterexample() throws IOException {
        Path f = file("reads.edn", READS_OUT_OF_ORDER);

        CheckCommandTest.Run r = run("--json", "--model", "sequential:cas-register", "--initial", "0", f.toString());
        JsonNode o = new ObjectMapper().readTree(r.lines().getFirst());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(o.path("valid").asBoolean(true)).isFalse();
        assertThat(o.path("details").path("verdict").asText()).isEqualTo("INVALID");
        assertThat(o.path("details").path("counterexample").path("blocked").size())
                .isEqualTo(1);
    }

    @Test
    void an_unknown_data_model_is_refused_naming_the_accepted_ones() throws IOException {
        Path f = file("stale.edn", STALE_READ);

        CheckCommandTest.Run r = run("--model", "sequential:stack", f.toString());

        assertThat(r.exit()).isEqualTo(CheckCommand.EXIT_BAD_INPUT);
        assertThat(r.err())
                .contains("sequential:M with M one of register, cas-register")
                .contains("'stack'");
    }
}
