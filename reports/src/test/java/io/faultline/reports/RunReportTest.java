package io.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportTest {

    @TempDir
    Path tmp;

    private Document report(String run) throws Exception {
        Path dir = Fixtures.copy(run, tmp);
        Path written = RunReport.write(dir);
        assertThat(written).isEqualTo(dir.resolve("report.html")).isRegularFile();
        return Jsoup.parse(Files.readString(written));
    }

    private static List<String> row(Element table, String first) {
        return table.select("tr").stream()
                .filter(tr -> !tr.children().isEmpty() && tr.child(0).text().equals(first))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + first + " in " + table.text()))
                .children()
                .eachText();
    }

    @Test
    void brokenClientRulesAreListedWithTheirOpAndClientAndARunWithoutAnyHasNoSuchSection() throws Exception {
        assertThat(report(Fixtures.VALID).select("table.client-rules")).isEmpty();

        Path dir = Fixtures.copy(Fixtures.VALID, tmp.resolve("broken"));
        ObjectMapper json = new ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode results = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(dir.resolve("results.json").toFile());
        results.putArray("client_rule_violations")
                .addObject()
                .put("rule", "a timeout is info, never fail")
                .put("detail", "it returned fail with error java.net.SocketTimeoutException: Read timed out")
                .put("op", 17)
                .put("process", "3")
                .put("f", "transfer")
                .put("client", "example.BankClient");
        json.writeValue(dir.resolve("results.json").toFile(), results);
        Document doc = Jsoup.parse(Files.readString(RunReport.write(dir)));

        Element table = doc.selectFirst("table.client-rules");
        assertThat(table).isNotNull();
        assertThat(row(table, "17"))
                .containsExactly(
                        "17",
                        "3",
                        "transfer",
                        "a timeout is info, never fail",
                        "it returned fail with error java.net.SocketTimeoutException: Read timed out",
                        "example.BankClient");
    }

    @Test
    void aValidRunShowsItsVerdictsParametersAndCountsPerF() throws Exception {
        Document doc = report(Fixtures.VALID);

        assertThat(doc.selectFirst("h1 .verdict").text())
                .as("merged verdict in the title")
                .isEqualTo("valid");
        Element verdicts = doc.selectFirst("table.verdicts");
        assertThat(verdicts.select("tr").get(1).text())
                .as("merged verdict first")
                .startsWith("merged valid");
        assertThat(row(verdicts, "bank"))
                .containsExactly("bank", "valid", "all 156 reads show 8 accounts adding up to 80");
        Element summary = doc.selectFirst("table.summary");
        assertThat(row(summary, "seed").get(1)).isNotBlank();
        assertThat(row(summary, "workload")).containsExactly("workload", "bank");
        assertThat(row(summary, "code version").get(1)).startsWith("development");
        assertThat(row(summary, "runtime"))
                .as("an in-memory run has no cluster runtime")
                .containsExactly("runtime", "none");
        assertThat(row(summary, "timeLimit")).as("durations in seconds").containsExactly("timeLimit", "3 s");
        assertThat(row(summary, "opTimeout")).containsExactly("opTimeout", "5 s");
        assertThat(summary.text()).doesNotContain("null", "PT");
        Element counts = doc.selectFirst("table.counts");
        assertThat(row(counts, "read")).containsExactly("read", "156", "0", "0", "0", "156");
        assertThat(row(counts, "transfer")).containsExactly("transfer", "126", "12", "0", "0", "138");
        assertThat(doc.text()).contains("The nemesis did nothing in this run.");
        assertThat(doc.select("#counterexample")).isEmpty();
    }

    @Test
    void anInvalidRunShowsTheFailingOpItsConcurrentOpsAndTheLongestLinearizationWithStates() throws Exception {
        Document doc = report(Fixtures.INVALID);

        assertThat(doc.selectFirst("h1 .verdict").text()).isEqualTo("invalid");
        Element cx = doc.selectFirst("#counterexample");
        assertThat(cx).as("counterexample section").isNotNull();
        assertThat(cx.selectFirst(".failing-op").text()).contains("p3 read → 99 (ok, #77..#83)");
        assertThat(cx.text()).contains("The last operation that completed ok before it: p4 write 4 (ok, #74..#82)");
        Element steps = cx.selectFirst("table.linearization");
        List<Element> rows = steps.select("tr");
        assertThat(rows).as("header, 42 steps, the failing row").hasSize(1 + 42 + 1);
        assertThat(rows.get(42).children().eachText()).containsExactly("42", "p0 read → 1 (ok, #80..#86)", "1");
        assertThat(rows.get(43).text()).contains("p3 read → 99").contains("cannot be placed");
        Element concurrent = cx.selectFirst("table.concurrent");
        assertThat(concurrent.select("tr"))
                .as("some operations overlap the failing one")
                .hasSizeGreaterThan(1);
        assertThat(concurrent.text()).contains("process 4 write 4");
        Element partitions = doc.selectFirst("table.partitions");
        assertThat(row(partitions, "(the whole history)")).containsExactly("(the whole history)", "invalid", "1019");
    }

    @Test
    void aMultiKeyRunShowsTheVerdictPerKeyAndOnlyTheFailingKeysConcurrentOperations() throws Exception {
        Document doc = report(Fixtures.KEYS);

        Element partitions = doc.selectFirst("table.partitions");
        assertThat(row(partitions, "0")).containsExactly("0", "valid", "3");
        assertThat(row(partitions, "1")).containsExactly("1", "invalid", "3");
        Element cx = doc.selectFirst("#counterexample");
        assertThat(cx.text()).contains("In key 1:");
        assertThat(cx.selectFirst(".failing-op").text()).contains("p1 read key 1 → 5 (ok, #7..#9)");
        assertThat(cx.select("table.concurrent tr").stream().skip(1).map(Element::text))
                .as("the write of 4 to key 1 overlaps it; the write of 3 to key 0 does too, but on another key")
                .singleElement()
                .asString()
                .contains("process 3 write key 1 4");
    }

    @Test
    void aPluginNemesisWindowDeclaredInTestJsonIsShadedWithAnAvailabilityRowAndAnUndeclaredOneIsAMarker()
            throws Exception {
        Path dir = Fixtures.copy(Fixtures.VALID, tmp);
        Path history = dir.resolve("history.jsonl");
        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(history));
        // a plugin nemesis fills the disk from 1.0 to 2.0 s, and probes something at 2.5 s, in the run's own ops
        List<String> merged = new java.util.ArrayList<>();
        String[] nemesis = {
            "{\"time\":1000000000,\"type\":\"invoke\",\"process\":\"nemesis\",\"f\":\"fill-disk\",\"value\":\"n1\"}",
            "{\"time\":1000500000,\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"fill-disk\","
                    + "\"value\":{\"applied\":\"n1\",\"verified\":true,\"note\":\"disk full\"}}",
            "{\"time\":2000000000,\"type\":\"invoke\",\"process\":\"nemesis\",\"f\":\"free-disk\",\"value\":null}",
            "{\"time\":2000500000,\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"free-disk\","
                    + "\"value\":{\"applied\":\"n1\",\"verified\":true,\"note\":\"freed\"}}",
            "{\"time\":2500000000,\"type\":\"invoke\",\"process\":\"nemesis\",\"f\":\"probe\",\"value\":null}",
            "{\"time\":2500100000,\"type\":\"info\",\"process\":\"nemesis\",\"f\":\"probe\","
                    + "\"value\":{\"applied\":null,\"verified\":true,\"note\":\"\"}}"
        };
        int next = 0;
        ObjectMapper json = new ObjectMapper();
        for (String line : lines) {
            long time = json.readTree(line).path("time").asLong();
            while (next < nemesis.length
                    && json.readTree(nemesis[next]).path("time").asLong() <= time) {
                merged.add(nemesis[next++]);
            }
            merged.add(line);
        }
        List<String> indexed = new java.util.ArrayList<>();
        for (int i = 0; i < merged.size(); i++) {
            indexed.add(merged.get(i).replaceFirst("^\\{(\"index\":\\d+,)?", "{\"index\":" + i + ","));
        }
        Files.write(history, indexed);
        com.fasterxml.jackson.databind.node.ObjectNode test = (com.fasterxml.jackson.databind.node.ObjectNode)
                json.readTree(dir.resolve("test.json").toFile());
        test.putArray("fault_windows")
                .addObject()
                .put("label", "disk-full")
                .put("start", "fill-disk")
                .put("stop", "free-disk");
        json.writeValue(dir.resolve("test.json").toFile(), test);

        Document doc = Jsoup.parse(Files.readString(RunReport.write(dir)));

        assertThat(doc.select("table.availability td.window-label").eachText())
                .containsExactly("disk-full: fill-disk..free-disk");
        JsonNode chart = json.readTree(doc.getElementById("chart-data").data());
        assertThat(chart.path("windows").findValuesAsText("kind")).containsExactly("disk-full");
        assertThat(chart.path("windows").get(0).path("fromUs").asLong()).isEqualTo(1_000_000L);
        assertThat(chart.path("windows").get(0).path("toUs").asLong()).isEqualTo(2_000_500L);
        assertThat(chart.toString())
                .as("the undeclared probe is drawn as a marker")
                .contains("probe");
    }

    @Test
    void aRunWithFaultsListsEachFaultWithItsVerificationAndShadesEachWindowWithALabel() throws Exception {
        Document doc = report(Fixtures.FAULTS);

        Element faults = doc.selectFirst("table.faults");
        assertThat(faults.select("tr td.f").eachText()).containsExactly("together", "stop-partition", "reset", "heal");
        assertThat(faults.select("tr").get(1).text()).contains("verified").contains("yes");
        assertThat(doc.select("table.availability td.window-label").eachText())
                .containsExactly("partition: together..stop-partition", "clock: together..reset");
        JsonNode chart =
                new ObjectMapper().readTree(doc.getElementById("chart-data").data());
        assertThat(chart.path("windows").findValuesAsText("label"))
                .containsExactly("partition: together..stop-partition", "clock: together..reset");
        assertThat(chart.path("windows").get(0).path("fromUs").asLong()).isEqualTo(10_051_403L);
        assertThat(chart.path("windows").get(0).path("toUs").asLong()).isEqualTo(23_692_593L);
        assertThat(chart.path("columns").size())
                .as("20 workers and the nemesis")
                .isEqualTo(21);
        assertThat(doc.selectFirst("h1 .verdict").text()).isEqualTo("unknown");
    }

    @Test
    void theReportLinksTheHistoryTheResultsAndEveryNodeLog() throws Exception {
        Document doc = report(Fixtures.FAULTS);

        assertThat(doc.select("ul.files a").eachAttr("href"))
                .contains("history.jsonl", "results.json", "test.json", "harness.log")
                .contains("n1/node.log", "n2/node.log", "n3/node.log", "n4/node.log", "n5/node.log");
    }

    @Test
    void theReportIsSelfContainedWithNoExternalResource() throws Exception {
        Document doc = report(Fixtures.INVALID);

        assertThat(doc.select("script[src], link[href], img[src], iframe")).isEmpty();
        assertThat(doc.select("script")).hasSize(2);
        assertThat(doc.html()).doesNotContain("http://").doesNotContain("https://");
    }

    @Test
    void aRunWithoutResultsStillGetsAReportThatNamesWhatIsMissing() throws Exception {
        Path dir = Fixtures.copy(Fixtures.VALID, tmp);
        Files.delete(dir.resolve("results.json"));

        Document doc = Jsoup.parse(RunReport.render(dir));

        assertThat(doc.select("li.problem").eachText()).contains("results.json is missing");
        assertThat(doc.selectFirst("h1 .verdict").text()).isEqualTo("unknown");
        assertThat(row(doc.selectFirst("table.counts"), "read")).contains("156");
    }

    @Test
    void aRunCutShortWithAFaultStillInForceShowsTheOpenWindowAndWhatIsMissing() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("cut/20261128T000000.000"));
        Files.writeString(
                dir.resolve("history.jsonl"),
                String.join(
                        "\n",
                        "{\"index\":0,\"time\":5,\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":null}",
                        "{\"index\":1,\"time\":7,\"type\":\"invoke\",\"process\":\"nemesis\",\"f\":\"kill\",\"value\":\"n1\"}",
                        "{\"index\":2,\"time\":9,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":3}",
                        "{\"index\":3,\"time\":11,\"type\":\"invo"));

        Document doc = Jsoup.parse(RunReport.render(dir));

        assertThat(doc.select("li.problem").eachText())
                .contains("test.json is missing", "results.json is missing")
                .anySatisfy(p -> assertThat(p).contains("truncated"));
        assertThat(doc.select("table.availability td.window-label").eachText())
                .containsExactly("kill: kill..(still in force)");
        assertThat(row(doc.selectFirst("table.faults"), "0.000").get(1)).isEqualTo("never");
        assertThat(row(doc.selectFirst("table.counts"), "read")).containsExactly("read", "1", "0", "0", "0", "1");
    }

    @Test
    void aDirectoryThatDoesNotExistIsRefusedNamingIt() {
        Path missing = tmp.resolve("no-such-run");

        assertThatThrownBy(() -> RunReport.write(missing))
                .isInstanceOf(RunReportException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("not a run directory");
    }

    @Test
    void aHistoryThatIsNotUtf8IsRefusedNamingTheFileAndLineAndNoReportIsWritten() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("bytes/20261128T000000.000"));
        Path history = dir.resolve("history.jsonl");
        Files.write(
                history,
                ("{\"index\":0,\"time\":5,\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":null}\n"
                                + "{\"index\":1,\"time\":7,\"type\":\"ok\",\"process\":0,\"f\":\"read\",\"value\":\"\u00e9\"}\n")
                        .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> RunReport.write(dir))
                .isInstanceOf(RunReportException.class)
                .hasMessage(history + ": line 2 cannot be read, so no report: it is not UTF-8 (Input length = 1)");
        assertThat(dir.resolve("report.html")).doesNotExist();
    }

    @Test
    void aHistoryLineThatIsReadButIsNotAnOpIsStillListedAsAProblem() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("garbled/20261128T000000.000"));
        Files.writeString(
                dir.resolve("history.jsonl"),
                "{\"index\":0,\"time\":5,\"type\":\"invoke\",\"process\":0,\"f\":\"read\",\"value\":null}\n"
                        + "not json\n{\"index\":2}\n");

        Document doc = Jsoup.parse(RunReport.render(dir));

        assertThat(doc.select("li.problem").eachText())
                .anySatisfy(p -> assertThat(p).startsWith("history.jsonl is read only up to the error"));
    }
}
