package io.faultline.checkers.cli;

import static io.faultline.checkers.cli.CheckCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.TestData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code check} with the list-append, causal and datatype models, on the repository's testdata and small files. */
class CheckCommandModelsTest {
    static final Path DATA = TestData.of("");
    static final Path ELLE = DATA.resolve("elle/list-append");
    static final Path CAUSAL = DATA.resolve("causal/bouajjani-rw");

    @TempDir
    Path dir;

    private static JsonNode json(String line) {
        try {
            return new ObjectMapper().readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void every_elle_corpus_file_is_invalid_as_strict_serializable_and_exits_1() throws IOException {
        List<String> args = new ArrayList<>(List.of("--model", "list-append"));
        try (var files = Files.list(ELLE)) {
            files.sorted().forEach(f -> args.add(f.toString()));
        }
        CheckCommandTest.Run r = run(args.toArray(String[]::new));

        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.lines().stream().filter(l -> !l.startsWith("  ")))
                .hasSize(9)
                .allMatch(l -> l.contains(": invalid (list-append, "));
    }

    @Test
    void json_carries_anomaly_types_and_the_models_ruled_out() {
        CheckCommandTest.Run r = run("--json", ELLE.resolve("G1b.edn").toString());
        JsonNode o = json(r.lines().getFirst());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(o.get("model").asText())
                .as("guessed from the append transactions")
                .isEqualTo("list-append");
        assertThat(o.get("valid").asBoolean(true)).isFalse();
        assertThat(texts(o.get("anomaly_types"))).containsExactlyInAnyOrder("G1b", "G-single-item");
        assertThat(texts(o.get("not"))).containsExactly("read-committed");
        assertThat(o.get("details").get("anomalies").get(0).get("explanation").asText())
                .contains("intermediate read");
    }

    @Test
    void a_list_append_history_in_json_lines_checks_like_its_edn_twin() throws IOException {
        Path f = Files.write(
                dir.resolve("g1c.jsonl"),
                List.of(
                        "{\"index\":0,\"type\":\"ok\",\"process\":0,\"f\":\"txn\","
                                + "\"value\":[[\"append\",\"x\",1],[\"r\",\"y\",[1]]]}",
                        "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"txn\","
                                + "\"value\":[[\"append\",\"x\",2],[\"append\",\"y\",1]]}",
                        "{\"index\":2,\"type\":\"ok\",\"process\":0,\"f\":\"txn\","
                                + "\"value\":[[\"r\",\"x\",[1,2]],[\"r\",\"y\",[1]]]}"));

        JsonNode jsonl = json(run("--json", f.toString()).lines().getFirst());
        JsonNode edn =
                json(run("--json", ELLE.resolve("G1c.edn").toString()).lines().getFirst());

        assertThat(jsonl.get("model").asText()).isEqualTo("list-append");
        assertThat(jsonl.get("anomaly_types")).isEqualTo(edn.get("anomaly_types"));
        assertThat(jsonl.get("not")).isEqualTo(edn.get("not"));
        assertThat(texts(jsonl.get("anomaly_types"))).containsExactly("G1c");
    }

    @Test
    void consistency_models_choose_what_must_hold() {
        String file = ELLE.resolve("strong-SI-realtime.edn").toString();

        assertThat(run("--consistency-models", "serializable,snapshot-isolation", file)
                        .exit())
                .isZero();
        assertThat(run("--consistency-models", "strong-snapshot-isolation", file)
                        .exit())
                .isEqualTo(1);
        assertThat(run(
                                "--consistency-models",
                                "read-uncommitted",
                                ELLE.resolve("G1a.edn").toString())
                        .exit())
                .as("nothing to relate the transactions by: unknown")
                .isEqualTo(2);
    }

    @Test
    void an_unknown_consistency_model_is_a_bad_argument() {
        CheckCommandTest.Run r =
                run("--consistency-models", "snapshot", ELLE.resolve("G0.edn").toString());

        assertThat(r.exit()).isEqualTo(254);
        assertThat(r.err()).contains("unknown consistency model 'snapshot'");
    }

    @Test
    void causal_models_judge_the_papers_examples_differently() {
        String a = CAUSAL.resolve("a.json").toString();

        assertThat(run(a).exit()).as("guessed as causal").isZero();
        assertThat(run("--model", "causal-memory", a).exit()).isZero();
        CheckCommandTest.Run ccv = run("--json", "--model", "causal-convergence", a);
        JsonNode o = json(ccv.lines().getFirst());
        assertThat(ccv.exit()).isEqualTo(1);
        assertThat(texts(o.get("anomaly_types"))).containsExactly("CyclicCF");
        assertThat(texts(o.get("not"))).contains("causal-convergence").doesNotContain("causal");
    }

    @Test
    void every_causal_example_that_breaks_cc_exits_1() {
        CheckCommandTest.Run r = run(
                "--model",
                "causal",
                CAUSAL.resolve("e.json").toString(),
                CAUSAL.resolve("cyclic-co.json").toString(),
                CAUSAL.resolve("thin-air-read.json").toString(),
                CAUSAL.resolve("write-co-init-read.json").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("WriteCORead", "CyclicCO", "ThinAirRead", "WriteCOInitRead");
    }

    @Test
    void a_causal_history_in_json_lines_is_grouped_by_process() throws IOException {
        Path f = Files.write(
                dir.resolve("rw.jsonl"),
                List.of(
                        "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"write\",\"key\":\"x\",\"value\":1}",
                        "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"write\",\"key\":\"x\",\"value\":1}",
                        "{\"index\":2,\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"key\":\"x\",\"value\":null}",
                        "{\"index\":3,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"key\":\"x\",\"value\":null}"));

        CheckCommandTest.Run r = run("--model", "causal", f.toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("WriteCOInitRead");
    }

    @Test
    void datatype_models_give_their_verdicts_as_exit_codes() throws IOException {
        Path ids = Files.write(
                dir.resolve("ids.jsonl"),
                List.of(
                        "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"generate\",\"value\":null}",
                        "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"generate\",\"value\":7}",
                        "{\"index\":2,\"type\":\"invoke\",\"process\":1,\"f\":\"generate\",\"value\":null}",
                        "{\"index\":3,\"type\":\"ok\",\"process\":1,\"f\":\"generate\",\"value\":7}"));
        Path queue = Files.write(
                dir.resolve("queue.jsonl"),
                List.of(
                        "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"enqueue\",\"value\":1}",
                        "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"enqueue\",\"value\":1}",
                        "{\"index\":2,\"type\":\"invoke\",\"process\":1,\"f\":\"dequeue\",\"value\":null}",
                        "{\"index\":3,\"type\":\"ok\",\"process\":1,\"f\":\"dequeue\",\"value\":1}"));
        Path set = Files.write(
                dir.resolve("set.jsonl"),
                List.of(
                        "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"add\",\"value\":1}",
                        "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"add\",\"value\":1}",
                        "{\"index\":2,\"type\":\"invoke\",\"process\":1,\"f\":\"read\",\"value\":null}",
                        "{\"index\":3,\"type\":\"ok\",\"process\":1,\"f\":\"read\",\"value\":[]}"));

        assertThat(run("--model", "unique-ids", ids.toString()).exit()).isEqualTo(1);
        assertThat(run("--model", "total-queue", queue.toString()).exit()).isZero();
        assertThat(run("--model", "set-full", set.toString()).exit())
                .as("1 lost")
                .isEqualTo(1);
        Path counter = Files.write(
                dir.resolve("counter.jsonl"),
                List.of(
                        "{\"index\":0,\"type\":\"invoke\",\"process\":0,\"f\":\"add\",\"value\":1}",
                        "{\"index\":1,\"type\":\"ok\",\"process\":0,\"f\":\"add\",\"value\":1}",
                        "{\"index\":2,\"type\":\"invoke\",\"process\":1,\"f\":\"read\",\"value\":null}",
                        "{\"index\":3,\"type\":\"ok\",\"process\":1,\"f\":\"read\",\"value\":5}"));
        assertThat(run("--model", "counter", counter.toString()).exit())
                .as("read 5 after adding 1")
                .isEqualTo(1);
    }

    @Test
    void bench_measures_a_list_append_check() {
        CheckCommandTest.Run r =
                run("--bench", "--bench-runs", "2", ELLE.resolve("G1c.edn").toString());

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("invalid median").contains("total of medians");
    }
}
