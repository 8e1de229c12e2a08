package io.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunReportEscapingTest {

    @TempDir
    Path tmp;

    @Test
    void valuesFromTheHistoryResultsAndFileNamesAppearAsTextAndNeverAsMarkup() throws Exception {
        String page = RunReport.render(HostileRun.create(tmp));
        Document doc = Jsoup.parse(page);

        assertThat(doc.select("script")).as("only the page's own two scripts").hasSize(2);
        assertThat(doc.select("script").eachAttr("type")).containsExactly("application/json");
        assertThat(doc.select("img")).as("no injected image").isEmpty();
        for (Element e : doc.getAllElements()) {
            for (Attribute attribute : e.attributes()) {
                assertThat(attribute.getKey())
                        .as("event handler on <" + e.tagName() + ">")
                        .doesNotStartWith("on");
            }
        }
        assertThat(page).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("<!--");
        String text = doc.body().text();
        assertThat(text)
                .as("every hostile value is shown literally")
                .contains(
                        HostileRun.SCRIPT,
                        HostileRun.IMG,
                        HostileRun.CLOSE_SCRIPT,
                        HostileRun.COMMENT,
                        HostileRun.ATTRIBUTE.strip());
    }

    @Test
    void theEmbeddedChartDataCannotCloseItsScriptOrOpenACommentYetKeepsTheValues() throws Exception {
        Document doc = Jsoup.parse(RunReport.render(HostileRun.create(tmp)));
        String data = doc.getElementById("chart-data").data();

        assertThat(data).doesNotContain("</").doesNotContain("<!--").doesNotContain("<");
        JsonNode chart = new ObjectMapper().readTree(data);
        assertThat(chart.path("fs").get(0).asText()).isEqualTo(HostileRun.SCRIPT);
        assertThat(chart.path("fs").get(1).asText()).isEqualTo(HostileRun.IMG);
        assertThat(chart.path("ops").path("text").get(0).asText()).contains(HostileRun.CLOSE_SCRIPT);
    }

    @Test
    void linksToFilesWithHostileNamesArePercentEncodedRelativePaths() throws Exception {
        Document doc = Jsoup.parse(RunReport.render(HostileRun.create(tmp)));

        assertThat(doc.select("ul.files a").eachAttr("href"))
                .contains("n1%22%3E%3Cimg%20src%3Dx%20onerror%3Dalert%286%29%3E/node.log");
    }
}
