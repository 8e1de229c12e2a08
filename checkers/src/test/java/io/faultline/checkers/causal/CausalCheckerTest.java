package io.faultline.checkers.causal;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.TestData;
import io.faultline.checkers.Verdict;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The POPL'17 examples with the verdicts of testdata/causal/EXPECTED.txt, and session guarantees. */
class CausalCheckerTest {
    static final Path CAUSAL = TestData.of("causal");

    @TempDir
    Path dir;

    /**
     * Each EXPECTED.txt line: the file, its verdicts for CC, CM and CCv, and the bad patterns its tests assert.
     * Lines like {@code a.json true true false CCv: CyclicCF} or {@code x.json (all false) CyclicCO (test_...)}.
     */
    static Stream<Arguments> expected() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (String line : Files.readAllLines(CAUSAL.resolve("EXPECTED.txt"))) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] w = line.trim().split("\\s+");
            if (w[1].equals("(all")) {
                out.add(Arguments.of(w[0], false, false, false, List.of(w[3])));
            } else {
                List<String> patterns = Arrays.stream(w)
                        .skip(4)
                        .map(s -> s.replace(";", ""))
                        .filter(s -> !s.endsWith(":") && !s.equals("none"))
                        .toList();
                out.add(Arguments.of(
                        w[0],
                        Boolean.parseBoolean(w[1]),
                        Boolean.parseBoolean(w[2]),
                        Boolean.parseBoolean(w[3]),
                        patterns));
            }
        }
        assertThat(out).as("rows of EXPECTED.txt").hasSize(8);
        return out.stream();
    }

    private static CheckResult check(Path file, CausalModel model) {
        return new CausalChecker(model).check(RwHistory.readSessions(file));
    }

    private static Verdict verdict(boolean valid) {
        return valid ? Verdict.VALID : Verdict.INVALID;
    }

    @ParameterizedTest(name = "{0}: CC {1}, CM {2}, CCv {3}, patterns {4}")
    @MethodSource("expected")
    void the_papers_examples_get_the_expected_verdict_for_each_model(
            String file, boolean cc, boolean cm, boolean ccv, List<String> patterns) {
        Path f = CAUSAL.resolve(file);
        CheckResult causal = check(f, CausalModel.CAUSAL);
        CheckResult memory = check(f, CausalModel.CAUSAL_MEMORY);
        CheckResult convergence = check(f, CausalModel.CAUSAL_CONVERGENCE);

        assertThat(causal.verdict()).as("CC: %s", causal.summary()).isEqualTo(verdict(cc));
        assertThat(memory.verdict()).as("CM: %s", memory.summary()).isEqualTo(verdict(cm));
        assertThat(convergence.verdict()).as("CCv: %s", convergence.summary()).isEqualTo(verdict(ccv));
        CausalAnalysis a = (CausalAnalysis) causal.details();
        assertThat(a.anomalyTypes()).as(causal.summary()).containsAll(patterns);
        if (patterns.isEmpty()) {
            assertThat(a.anomalyTypes()).isEmpty();
        }
    }

    private Path sessions(String json) throws IOException {
        return Files.writeString(dir.resolve("h.json"), json);
    }

    private CausalAnalysis.Guarantee guarantee(String json, String name) throws IOException {
        CheckResult r = check(sessions(json), CausalModel.CAUSAL);
        return ((CausalAnalysis) r.details())
                .sessionGuarantees().stream()
                        .filter(g -> g.name().equals(name))
                        .findFirst()
                        .orElseThrow();
    }

    @Test
    void reading_the_initial_value_after_ones_own_write_breaks_read_your_writes() throws IOException {
        var g = guarantee("{\"a\": [[\"wr\",\"x\",1], [\"rd\",\"x\",null]]}", "read-your-writes");

        assertThat(g.verdict()).isEqualTo("invalid");
        assertThat(g.violations().getFirst().explanation())
                .contains("rd(\"x\") = init")
                .contains("its own write");
    }

    @Test
    void reading_an_older_value_after_a_newer_one_breaks_monotonic_reads() throws IOException {
        String h = "{\"a\": [[\"wr\",\"x\",1], [\"wr\",\"x\",2]], \"b\": [[\"rd\",\"x\",2], [\"rd\",\"x\",1]]}";

        assertThat(guarantee(h, "monotonic-reads").verdict()).isEqualTo("invalid");
        assertThat(guarantee(h, "read-your-writes").verdict()).isEqualTo("valid");
    }

    @Test
    void seeing_a_later_write_of_a_session_but_not_its_earlier_one_breaks_monotonic_writes() throws IOException {
        String h = "{\"a\": [[\"wr\",\"x\",1], [\"wr\",\"y\",1]], \"b\": [[\"rd\",\"y\",1], [\"rd\",\"x\",null]]}";

        assertThat(guarantee(h, "monotonic-writes").verdict()).isEqualTo("invalid");
        assertThat(guarantee(h, "writes-follow-reads").verdict()).isEqualTo("valid");
    }

    @Test
    void seeing_a_write_but_not_what_its_writer_had_read_breaks_writes_follow_reads() throws IOException {
        String h = "{\"a\": [[\"wr\",\"x\",1]], \"b\": [[\"rd\",\"x\",1], [\"wr\",\"y\",1]],"
                + " \"c\": [[\"rd\",\"y\",1], [\"rd\",\"x\",null]]}";

        assertThat(guarantee(h, "writes-follow-reads").verdict()).isEqualTo("invalid");
        assertThat(guarantee(h, "monotonic-writes").verdict()).isEqualTo("valid");
        assertThat(check(sessions(h), CausalModel.CAUSAL).verdict()).isEqualTo(Verdict.INVALID);
    }

    @Test
    void a_causal_history_keeps_every_session_guarantee() {
        CheckResult r = check(CAUSAL.resolve("bouajjani-rw/d.json"), CausalModel.CAUSAL);

        assertThat(((CausalAnalysis) r.details()).sessionGuarantees())
                .extracting(CausalAnalysis.Guarantee::verdict)
                .containsOnly("valid")
                .hasSize(4);
    }

    @Test
    void a_history_that_writes_a_value_twice_is_refused_as_unknown() throws IOException {
        CheckResult r = check(
                sessions("{\"a\": [[\"wr\",\"x\",1]], \"b\": [[\"wr\",\"x\",1], [\"rd\",\"x\",1]]}"),
                CausalModel.CAUSAL);

        assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(r.summary()).contains("not differentiated");
    }

    @Test
    void a_bad_pattern_names_the_ops_that_form_it() {
        CheckResult r = check(CAUSAL.resolve("bouajjani-rw/e.json"), CausalModel.CAUSAL);
        Violation v = ((CausalAnalysis) r.details()).violations().getFirst();

        assertThat(v.pattern()).isEqualTo("WriteCORead");
        assertThat(v.ops())
                .containsExactly(
                        "wr(\"x\", 1) [session a, op 0]",
                        "wr(\"x\", 2) [session b, op 1]",
                        "rd(\"x\") = 1 [session c, op 1]");
    }
}
