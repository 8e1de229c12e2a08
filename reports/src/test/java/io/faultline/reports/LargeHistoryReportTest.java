package io.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LargeHistoryReportTest {

    @TempDir
    Path tmp;

    @Test
    void aHundredThousandOpHistoryGivesAReportUnderThirtyMegabytesWithEveryOperationInIt() throws Exception {
        Path run = GeneratedRun.write(tmp, 100_000, 20, 7);
        long lines;
        try (var stream = Files.lines(run.resolve("history.jsonl"))) {
            lines = stream.count();
        }
        assertThat(lines).isGreaterThanOrEqualTo(99_990);

        Path report = RunReport.write(run);

        assertThat(Files.size(report)).as("report size in bytes").isLessThan(30L * 1024 * 1024);
        Document doc = Jsoup.parse(Files.readString(report));
        var chart = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(doc.getElementById("chart-data").data());
        assertThat(chart.path("ops").path("invokeUs").size())
                .as("every operation")
                .isGreaterThan(49_000);
        assertThat(doc.select("table.availability td.window-label").eachText())
                .contains("partition: start-partition..stop-partition");
    }
}
