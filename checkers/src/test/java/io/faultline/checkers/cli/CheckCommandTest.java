package io.faultline.checkers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.TestData;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command run in-process, its output captured. */
class CheckCommandTest {
    static final Path DATA = TestData.of("porcupine");

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new CheckCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path file(String name, String... lines) throws IOException {
        return Files.write(dir.resolve(name), List.of(lines));
    }

    @Test
    void a_valid_history_prints_one_line_and_exits_0() {
        Path f = DATA.resolve("jepsen/etcd_002.log");
        Run r = run("--model", "cas-register", f.toString());
        assertThat(r.exit()).as("exit code; stderr %s", r.err()).isZero();
        assertThat(r.lines()).as("output").hasSize(1);
        assertThat(r.lines().getFirst()).as("the line").startsWith(f + ": valid (cas-register, 154 ops, ");
    }

    @Test
    void an_invalid_history_exits_1_and_explains_why() {
        Path f = DATA.resolve("jepsen/etcd_000.log");
        Run r = run(f.toString());
        assertThat(r.exit()).as("exit code").isEqualTo(1);
        assertThat(r.out()).as("output").contains(f + ": invalid").contains("cannot be placed");
    }

    @Test
    void json_output_has_the_fields_the_issue_names() throws IOException {
        Run r = run(
                "--json",
                DATA.resolve("kv/c01-bad.txt").toString(),
                DATA.resolve("kv/c01-ok.txt").toString());
        assertThat(r.exit()).as("exit code").isEqualTo(1);
        List<JsonNode> objects = r.lines().stream().map(CheckCommandTest::json).toList();
        assertThat(objects).as("one object per file").hasSize(2);
        JsonNode bad = objects.get(0);
        assertThat(bad.get("valid").asBoolean(true)).as("valid of the bad file").isFalse();
        assertThat(bad.get("model").asText()).as("model guessed").isEqualTo("kv");
        assertThat(bad.get("ops").asLong()).as("ops").isEqualTo(76);
        assertThat(bad.has("elapsed_ms")).as("elapsed_ms present").isTrue();
        assertThat(bad.get("failing_op").get("f").asText()).as("failing op").isEqualTo("get");
        assertThat(objects.get(1).get("valid").asBoolean(false))
                .as("valid of the good file")
                .isTrue();
    }

    @Test
    void a_timeout_exits_2_with_valid_unknown_in_json() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            sb.append("{:process ")
                    .append(i)
                    .append(", :type :invoke, :f :write, :value ")
                    .append(i)
                    .append("}\n");
        }
        for (int i = 0; i < 40; i++) {
            sb.append("{:process ")
                    .append(i)
                    .append(", :type :ok, :f :write, :value ")
                    .append(i)
                    .append("}\n");
        }
        sb.append("{:process 99, :type :invoke, :f :read}\n{:process 99, :type :ok, :f :read, :value -1}\n");
        Path f = Files.writeString(dir.resolve("hard.edn"), sb);
        Run r = run("--json", "--timeout", "300ms", "--model", "register", f.toString());
        assertThat(r.exit()).as("exit code").isEqualTo(2);
        JsonNode o = json(r.out().strip());
        assertThat(o.get("valid").asText()).as("valid").isEqualTo("unknown");
        assertThat(o.get("cause").asText()).as("cause").isEqualTo("timeout after 300ms");
    }

    @Test
    void a_malformed_history_exits_254_naming_file_line_and_rule_without_a_stack_trace() throws IOException {
        Path f = file(
                "bad.jsonl",
                "{\"type\":\"invoke\",\"process\":0,\"f\":\"read\"}",
                "{\"type\":\"ok\",\"process\":1,\"f\":\"read\",\"value\":3}");
        Run r = run(f.toString());
        assertThat(r.exit()).as("exit code").isEqualTo(254);
        assertThat(r.err())
                .as("error message")
                .startsWith(f + ":2: a completion must follow an invocation by the same process")
                .doesNotContain("\tat ")
                .doesNotContain("Exception");
    }

    @Test
    void an_operation_the_model_cannot_check_exits_254_with_its_line() throws IOException {
        Path f = file(
                "frob.edn",
                "{:process 0, :type :invoke, :f :frob, :value 1}",
                "{:process 0, :type :ok, :f :frob, :value 1}");
        Run r = run("--model", "register", f.toString());
        assertThat(r.exit()).as("exit code").isEqualTo(254);
        assertThat(r.err()).as("error message").startsWith(f + ":1: model register cannot check");
    }

    @Test
    void a_missing_file_and_a_bad_option_exit_254() {
        Run missing = run(dir.resolve("nope.jsonl").toString());
        assertThat(missing.exit()).as("missing file").isEqualTo(254);
        assertThat(missing.err()).as("message").contains("does not exist");
        Run missingJson = run("--json", dir.resolve("nope.jsonl").toString());
        JsonNode o = json(missingJson.out().strip());
        assertThat(o.get("valid").asText()).as("valid of an unreadable file").isEqualTo("unknown");
        assertThat(o.get("error").asText()).as("error").endsWith("does not exist");
        Run badOption = run("--model", "btree", DATA.resolve("kv/c01-ok.txt").toString());
        assertThat(badOption.exit()).as("unknown model").isEqualTo(254);
        assertThat(run("--frobnicate").exit()).as("unknown option").isEqualTo(254);
        assertThat(run("--timeout", "soon", "x").exit()).as("bad duration").isEqualTo(254);
    }

    @Test
    void an_unknown_model_is_refused_with_every_model_check_knows() {
        Run nope = run("--model", "nope", DATA.resolve("kv/c01-ok.txt").toString());

        assertThat(nope.exit()).isEqualTo(254);
        assertThat(nope.err())
                .contains("unknown model 'nope'")
                .contains("cas-register", "mutex", "multi-register")
                .contains("list-append", "causal-memory", "set-full", "bank", "total-queue");
    }

    @Test
    void a_truncated_journal_is_refused_unless_lenient() throws IOException {
        Path f = Files.writeString(
                dir.resolve("history.jsonl"),
                "{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":1}\n"
                        + "{\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"value\":1}\n"
                        + "{\"type\":\"invoke\",\"process\":0,\"f\":\"re");
        assertThat(run(f.toString()).exit()).as("strict").isEqualTo(254);
        Run lenient = run("--lenient", f.toString());
        assertThat(lenient.exit()).as("lenient").isZero();
        assertThat(lenient.out()).as("warning printed").contains("warning: " + f + ":3: the last line");
    }

    @Test
    void initial_sets_the_register_value_before_any_write() throws IOException {
        Path f = file(
                "init.edn", "{:process 0, :type :invoke, :f :read}", "{:process 0, :type :ok, :f :read, :value 5}");
        assertThat(run("--model", "register", f.toString()).exit())
                .as("nil initial")
                .isEqualTo(1);
        assertThat(run("--model", "register", "--initial", "5", f.toString()).exit())
                .as("initial 5")
                .isZero();
    }

    @Test
    void a_bare_word_initial_value_is_a_string() throws IOException {
        Path f = file(
                "kv.edn",
                "{:process 0, :type :invoke, :f :get, :key \"a\"}",
                "{:process 0, :type :ok, :f :get, :key \"a\", :value \"x\"}");
        assertThat(run(f.toString()).exit()).as("default initial \"\"").isEqualTo(1);
        assertThat(run("--initial", "x", f.toString()).exit()).as("initial x").isZero();
    }

    @Test
    void a_jepsen_history_edn_with_nemesis_and_info_ops_is_checked() throws IOException {
        Path f = file(
                "history.edn",
                "{:index 0, :time 100, :type :invoke, :process 0, :f :write, :value 1}",
                "{:index 1, :time 200, :type :ok, :process 0, :f :write, :value 1}",
                "{:index 2, :time 300, :type :info, :process :nemesis, :f :start-partition, :value :majority}",
                "{:index 3, :time 400, :type :info, :process :nemesis, :f :start-partition,"
                        + " :value {\"n1\" #{\"n2\" \"n3\"}, \"n2\" #{\"n1\"}}}",
                "{:index 4, :time 500, :type :invoke, :process 1, :f :cas, :value [1 2], :node \"n2\"}",
                "{:index 5, :time 600, :type :info, :process 1, :f :cas, :value [1 2], :error :timeout}",
                "{:index 6, :time 700, :type :invoke, :process 6, :f :read, :value nil}",
                "{:index 7, :time 800, :type :ok, :process 6, :f :read, :value 2}",
                "{:index 8, :time 900, :type :invoke, :process 0, :f :read, :value nil}",
                "{:index 9, :time 950, :type :fail, :process 0, :f :read, :value nil, :error :timed-out}");
        Run r = run("--json", f.toString());
        assertThat(r.exit()).as("exit code; stderr %s", r.err()).isZero();
        JsonNode o = json(r.out().strip());
        assertThat(o.get("model").asText()).as("model guessed").isEqualTo("cas-register");
        assertThat(o.get("ops").asInt()).as("ops, nemesis included").isEqualTo(10);
        assertThat(o.get("operations").asInt())
                .as("operations checked (the failed read dropped)")
                .isEqualTo(3);
    }

    @Test
    void no_partition_checks_kv_as_one_partition() {
        Run r = run("--json", "--no-partition", DATA.resolve("kv/c01-ok.txt").toString());
        assertThat(json(r.out().strip()).get("partitions").asInt())
                .as("partitions")
                .isEqualTo(1);
        Run split = run("--json", DATA.resolve("kv/c01-ok.txt").toString());
        assertThat(json(split.out().strip()).get("partitions").asInt())
                .as("partitions")
                .isGreaterThan(1);
    }

    @Test
    void bench_prints_a_median_per_file_and_the_total() {
        Run r = run(
                "--bench",
                "--bench-runs",
                "3",
                "--json",
                DATA.resolve("jepsen/etcd_001.log").toString(),
                DATA.resolve("jepsen/etcd_002.log").toString());
        assertThat(r.exit()).as("exit code").isEqualTo(1);
        List<JsonNode> objects = r.lines().stream().map(CheckCommandTest::json).toList();
        assertThat(objects).as("two files and a total").hasSize(3);
        double sum = objects.get(0).get("median_ms").asDouble()
                + objects.get(1).get("median_ms").asDouble();
        assertThat(objects.get(2).get("total_median_ms").asDouble())
                .as("total of medians")
                .isCloseTo(sum, org.assertj.core.data.Offset.offset(0.01));
        assertThat(objects.get(1).get("valid").asBoolean(false))
                .as("etcd_002 valid")
                .isTrue();
    }

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
