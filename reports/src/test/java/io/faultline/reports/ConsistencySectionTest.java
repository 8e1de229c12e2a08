package io.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report of a run whose db promised sequential consistency: both verdicts side by side. */
class ConsistencySectionTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private Document report(Consumer<ObjectNode> edit) throws Exception {
        Path dir = Fixtures.copy(Fixtures.VALID, tmp.resolve("run"));
        ObjectNode results =
                (ObjectNode) JSON.readTree(dir.resolve("results.json").toFile());
        edit.accept(results.putObject("consistency"));
        JSON.writeValue(dir.resolve("results.json").toFile(), results);
        return Jsoup.parse(Files.readString(RunReport.write(dir)));
    }

    @Test
    void a_sequential_run_shows_its_verdict_and_the_linearizability_verdict_side_by_side_with_the_difference()
            throws Exception {
        Document doc = report(c -> {
            c.put("promised", "sequential").put("applied", true).put("explanation", "Sequential consistency asks...");
            c.putArray("verdicts")
                    .add(JSON.createObjectNode()
                            .put("model", "sequential")
                            .put("judges_the_run", true)
                            .put("checker", "sequential")
                            .put("verdict", "valid")
                            .put("summary", "120 operations have a total order"))
                    .add(JSON.createObjectNode()
                            .put("model", "linearizable")
                            .put("judges_the_run", false)
                            .put("checker", "linearizable")
                            .put("verdict", "invalid")
                            .put("summary", "a read of 3 saw a stale value")
                            .set("details", JSON.createObjectNode().put("checked", 120)));
        });

        Element table = doc.selectFirst("section.consistency table.consistency-verdicts");
        assertThat(table).isNotNull();
        assertThat(table.select("th").eachText())
                .containsExactly("sequential (the run's verdict)", "linearizable (shown beside)");
        assertThat(table.select("tr.consistency-badges span.verdict").eachText())
                .containsExactly("valid", "invalid");
        assertThat(table.select("tr.consistency-summaries td").eachText())
                .containsExactly("120 operations have a total order", "a read of 3 saw a stale value");
        assertThat(doc.select("section.consistency p.consistency-difference").text())
                .isEqualTo("Sequential consistency asks...");
        assertThat(doc.select("section#checker-linearizable h2").text())
                .as("the details of the verdict shown beside")
                .isEqualTo("Checker: linearizable");
    }

    @Test
    void a_run_whose_promised_check_did_not_apply_says_so_and_shows_no_second_verdict() throws Exception {
        Document doc = report(c -> c.put("promised", "sequential")
                .put("applied", false)
                .put("explanation", "the sequential check did not apply")
                .putArray("verdicts"));

        assertThat(doc.select("section.consistency p.consistency-not-applied").text())
                .isEqualTo("the sequential check did not apply");
        assertThat(doc.select("table.consistency-verdicts")).isEmpty();
    }

    @Test
    void a_run_of_a_db_promising_linearizability_has_no_consistency_section() throws Exception {
        Path dir = Fixtures.copy(Fixtures.VALID, tmp.resolve("plain"));
        Document doc = Jsoup.parse(Files.readString(RunReport.write(dir)));

        assertThat(doc.select("section.consistency")).isEmpty();
    }
}
