package io.faultline.checkers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} applies each format's semantics, says which, and reports odd times as warnings. */
class CheckCommandSemanticsTest {
    @TempDir
    Path dir;

    /** A failed cas from 1 while the register holds 1, with clocks that disagree (times go backwards). */
    private Path failedCas(String name) throws IOException {
        return Files.write(
                dir.resolve(name),
                List.of(
                        "{:process 0, :type :invoke, :f :write, :value 1, :time 200}",
                        "{:process 0, :type :ok, :f :write, :value 1, :time 300}",
                        "{:process 1, :type :invoke, :f :cas, :value [1 2], :time 100}",
                        "{:process 1, :type :fail, :f :cas, :value [1 2], :time 400}",
                        "{:process :nem, :type :info, :f :hi, :time 450}",
                        "{:process 2, :type :invoke, :f :read, :value nil, :time 500}",
                        "{:process 2, :type :ok, :f :read, :value 1, :time 600}"));
    }

    @Test
    void an_edn_history_is_checked_with_jepsen_semantics_and_says_so() throws IOException {
        Path f = failedCas("h.edn");
        CheckCommandTest.Run r = CheckCommandTest.run("--model", "cas-register", "--initial", "0", f.toString());
        assertThat(r.exit()).as("exit; stderr %s", r.err()).isZero();
        assertThat(r.lines().getFirst())
                .as("the line")
                .startsWith(f + ": valid (")
                .endsWith("jepsen semantics)");
        assertThat(r.out()).as("the time that went backwards").contains("  warning: line 3: op time goes backwards");
    }

    @Test
    void semantics_porcupine_reads_the_same_failed_cas_as_a_compare_that_did_not_match() throws IOException {
        Path f = failedCas("h.edn");
        CheckCommandTest.Run r = CheckCommandTest.run(
                "--model", "cas-register", "--initial", "0", "--semantics", "porcupine", f.toString());
        assertThat(r.exit()).as("exit").isEqualTo(1);
        assertThat(r.lines().getFirst()).as("the line").contains("invalid").contains("porcupine semantics)");
    }

    @Test
    void the_json_result_names_the_semantics_and_lists_the_warnings() throws IOException {
        Path f = failedCas("h.edn");
        CheckCommandTest.Run r =
                CheckCommandTest.run("--json", "--model", "cas-register", "--initial", "0", f.toString());
        JsonNode o = new ObjectMapper().readTree(r.out());
        assertThat(o.get("semantics").asText()).as("semantics").isEqualTo("jepsen");
        assertThat(o.get("valid").asBoolean()).as("valid").isTrue();
        assertThat(o.get("warnings")).as("warnings").hasSize(1);
        assertThat(o.get("ops").asInt()).as("ops, the :nem info included").isEqualTo(7);
    }

    @Test
    void a_jepsen_log_keeps_porcupine_semantics() throws IOException {
        Path f = Files.write(
                dir.resolve("h.log"),
                List.of(
                        "INFO  jepsen.util - 0\t:invoke\t:write\t1",
                        "INFO  jepsen.util - 0\t:ok\t:write\t1",
                        "INFO  jepsen.util - 1\t:invoke\t:cas\t[1 2]",
                        "INFO  jepsen.util - 1\t:fail\t:cas\t[1 2]",
                        "INFO  jepsen.util - :nem\t:info\t:hi\tnil"));
        CheckCommandTest.Run r = CheckCommandTest.run("--model", "cas-register", f.toString());
        assertThat(r.exit()).as("exit").isEqualTo(1);
        assertThat(r.lines().getFirst()).as("the line").contains("porcupine semantics)");
    }

    @Test
    void an_unknown_semantics_is_a_bad_argument() throws IOException {
        CheckCommandTest.Run r = CheckCommandTest.run(
                "--semantics", "knossos", failedCas("h.edn").toString());
        assertThat(r.exit()).as("exit").isEqualTo(254);
        assertThat(r.err()).as("message").contains("semantics must be one of auto, jepsen, porcupine");
    }
}
