package io.faultline.checkers.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.cli.CheckCommandTest.Run;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Input built to break the readers is refused quickly with exit 254 and one line naming file, line and limit. */
class HostileInputTest {
    private static final String OP_INVOKE = "{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":1}\n";
    private static final String OP_OK = "{\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"value\":1}\n";

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private static Run run(String... args) {
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CheckCommandTest.run(args));
    }

    private static void assertRefused(Run r, String prefix) {
        assertThat(r.exit()).as("exit code; stderr %s", r.err()).isEqualTo(254);
        assertThat(r.err()).as("the message").startsWith(prefix);
        assertThat(r.err().strip().lines()).as("one line").hasSize(1);
        assertThat(r.err()).as("no stack trace").doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void edn_nested_thousands_of_levels_deep_is_refused_at_the_depth_limit() throws IOException {
        Path f = write(
                "deep.edn",
                "{:process 0, :type :invoke, :f :write, :value 1}\n" + "{:process 0, :type :ok, :f :write, :value "
                        + "[".repeat(5000) + "]".repeat(5000) + "}\n");
        assertRefused(run(f.toString()), f + ":2: nesting deeper than 200 levels (the reader's limit)");
    }

    @Test
    void edn_discards_and_tags_nested_deeply_count_as_nesting_too() throws IOException {
        Path discards = write("discards.edn", "#_".repeat(5000) + "{:a 1}\n");
        assertRefused(run("--format", "edn", discards.toString()), discards + ":1: nesting deeper than 200");
        Path tags = write("tags.edn", "[" + "#x ".repeat(5000) + "1]\n");
        assertRefused(run(tags.toString()), tags + ":1: nesting deeper than 200");
    }

    @Test
    void json_nested_deeply_is_refused_at_the_same_limit() throws IOException {
        Path f = write(
                "deep.jsonl",
                "{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":" + "[".repeat(5000) + "]".repeat(5000)
                        + "}\n");
        assertRefused(run(f.toString()), f + ":1: nesting deeper than 200 levels (the reader's limit)");
    }

    @Test
    void an_integer_with_millions_of_digits_is_refused_at_once() throws IOException {
        String digits = "7".repeat(3_000_000);
        Path edn = write("big.edn", "{:process 0, :type :invoke, :f :write, :value " + digits + "}\n");
        long start = System.nanoTime();
        assertRefused(run(edn.toString()), edn + ":1: a number longer than 1000 characters (the reader's limit)");
        Path json =
                write("big.jsonl", "{\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"value\":" + digits + "}\n");
        assertRefused(run(json.toString()), json + ":1: a number longer than 1000 characters (the reader's limit)");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("time taken").isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void a_huge_bigdecimal_exponent_is_refused_before_it_is_built() throws IOException {
        Path f = write(
                "exp.edn",
                "{:process 0, :type :invoke, :f :write, :value 1e999999999M}\n"
                        + "{:process 0, :type :ok, :f :write, :value 1e999999999M}\n"
                        + "{:process 1, :type :invoke, :f :read}\n{:process 1, :type :ok, :f :read, :value 1}\n");
        assertRefused(run(f.toString()), f + ":1: a number with an exponent beyond 10000 (the reader's limit)");
        Path ok = write(
                "exp-ok.edn",
                "{:process 0, :type :invoke, :f :write, :value 1e10000M}\n"
                        + "{:process 0, :type :ok, :f :write, :value 1e10000M}\n");
        assertThat(run(ok.toString()).exit()).as("an exponent at the limit").isZero();
    }

    @Test
    void a_fifo_is_refused_instead_of_waiting_for_a_writer() throws Exception {
        Path fifo = dir.resolve("h.fifo");
        int made;
        try {
            made = new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor();
        } catch (IOException e) {
            made = -1;
        }
        Assumptions.assumeTrue(made == 0, "mkfifo is available");
        assertRefused(run(fifo.toString()), fifo + ": cannot read the file: it is not a regular file");
        assertRefused(run("--model", "list-append", fifo.toString()), fifo + ": cannot read the file");
        assertRefused(run(dir.toString()), dir + ": cannot read the file: it is a directory");
    }

    @Test
    void a_complete_corrupt_last_line_is_an_error_even_when_lenient() throws IOException {
        Path json = write("corrupt.jsonl", OP_INVOKE + OP_OK + "{\"type\":\"invoke\",\"process\":0,\"f\":\"re\n");
        assertRefused(run("--lenient", json.toString()), json + ":3: expected one JSON object per line");
        Path edn = write("corrupt.edn", "{:process 0, :type :invoke, :f :read}\n{:process 0, :type :ok, :f :re\n");
        assertRefused(run("--lenient", edn.toString()), edn + ":2: expected '}' to close the map");
    }

    @Test
    void lenient_drops_a_cut_off_last_line_and_says_what_it_dropped() throws IOException {
        Path f = write("cut.jsonl", OP_INVOKE + OP_OK + "{\"type\":\"invoke\",\"process\":0,\"f\":\"re");
        assertRefused(run(f.toString()), f + ":3: the last line is not a complete JSON object and has no newline");
        Run text = run("--lenient", f.toString());
        assertThat(text.exit()).as("exit code; stderr %s", text.err()).isZero();
        assertThat(text.out())
                .as("the warning")
                .contains("warning: " + f + ":3: the last line")
                .contains("ignored it: '{\"type\":\"invoke\",\"process\":0,\"f\":\"re'");
        JsonNode o = json(run("--lenient", "--json", f.toString()).out().strip());
        assertThat(o.get("warning").asText()).as("JSON warning").contains("ignored it");
    }

    @Test
    void invalid_utf8_names_the_line_and_byte_offset() throws IOException {
        byte[] head = (OP_INVOKE + "{\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"value\":\"")
                .getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[head.length + 3];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xC3;
        bytes[head.length + 1] = '"';
        bytes[head.length + 2] = '}';
        Path f = Files.write(dir.resolve("latin.jsonl"), bytes);
        assertRefused(run(f.toString()), f + ":2: not UTF-8 (byte offset " + head.length + ")");
    }

    @Test
    void a_process_number_beyond_a_long_is_named_as_such() throws IOException {
        Path f = write("huge.log", "INFO  jepsen.util - 99999999999999999999999\t:invoke\t:read\tnil\n");
        assertRefused(
                run(f.toString()),
                f + ":1: the process number 99999999999999999999999 does not fit in a 64-bit integer");
        Path edn = write("huge.edn", "{:process 99999999999999999999999, :type :invoke, :f :read}\n");
        assertRefused(
                run(edn.toString()),
                edn + ":1: the process number 99999999999999999999999 does not fit in a 64-bit integer");
    }

    @Test
    void a_byte_order_mark_is_skipped_in_every_format() throws IOException {
        Path json = write("bom.jsonl", "\uFEFF" + OP_INVOKE + OP_OK);
        Path edn = write("bom.edn", "\uFEFF{:process 0, :type :invoke, :f :read}\n{:process 0, :type :ok, :f :read}\n");
        Path log = write(
                "bom.log",
                "\uFEFFINFO  jepsen.util - 0\t:invoke\t:read\tnil\nINFO  jepsen.util - 0\t:ok\t:read\tnil\n");
        for (Path f : new Path[] {json, edn, log}) {
            Run r = run(f.toString());
            assertThat(r.exit()).as("exit for %s; stderr %s", f, r.err()).isZero();
        }
    }

    @Test
    void a_line_longer_than_the_limit_is_refused() throws IOException {
        Path f = write("long.log", "INFO  jepsen.util - 0\t:invoke\t:read\t\"" + "x".repeat(17 << 20) + "\"\n");
        assertRefused(run(f.toString()), f + ":1: a line longer than 16 MiB (the reader's limit)");
    }

    @Test
    void control_characters_quoted_from_the_input_stay_on_one_line() throws IOException {
        Path f = write("ctl.jsonl", "{\"type\":\"inv\rxx\u0001ke\",\"process\":0,\"f\":\"read\"}\n");
        Run r = run(f.toString());
        assertThat(r.exit()).as("exit code").isEqualTo(254);
        assertThat(r.err().strip().lines()).as("one line: %s", r.err()).hasSize(1);
    }

    @Test
    void the_timeout_covers_reading_and_gives_unknown() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 40_000; i++) {
            sb.append(OP_INVOKE).append(OP_OK);
        }
        Path f = write("long.jsonl", sb.toString());
        Run r = run("--timeout", "1ms", "--json", f.toString());
        assertThat(r.exit()).as("exit code; stderr %s", r.err()).isEqualTo(2);
        JsonNode o = json(r.out().strip());
        assertThat(o.get("valid").asText()).as("valid").isEqualTo("unknown");
        assertThat(o.get("cause").asText()).as("cause").startsWith("timeout after 1ms while reading (at line ");
        Run judged = run("--timeout", "1ms", "--model", "counter", f.toString());
        assertThat(judged.exit())
                .as("exit code of a whole-history checker; stderr %s", judged.err())
                .isEqualTo(2);
        assertThat(judged.out()).as("output").contains("timeout after 1ms while reading");
    }

    static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }
}
