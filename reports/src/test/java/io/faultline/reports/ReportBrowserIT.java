package io.faultline.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens reports in a real headless Chromium: the page's scripts run without a console message, the charts and the
 * timeline render in under 3 s, and a screenshot is kept under {@code target/screenshots}. Needs Debian's {@code
 * chromium} package: without it these tests are skipped, loudly, except under {@code CI=true}, where they fail.
 */
class ReportBrowserIT {
    private static final long RENDER_LIMIT_MS = 3000;

    @TempDir
    Path tmp;

    private Chromium chromium;

    @BeforeEach
    void findChromium() throws Exception {
        var found = Chromium.find(Files.createDirectories(tmp.resolve("profile")));
        if (found.isEmpty()) {
            String why = "chromium is not installed (apt-get install -y chromium): the browser tests of the report"
                    + " did not run";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(why + ", and CI=true requires them");
            }
            System.err.println("WARNING: " + why);
            Assumptions.abort(why);
        }
        chromium = found.get();
    }

    private static long attribute(Document dom, String name) {
        Element body = dom.body();
        assertThat(body.hasAttr(name))
                .as("the page's script set " + name + " (it ran to the end)")
                .isTrue();
        return Long.parseLong(body.attr(name));
    }

    @Test
    void theReportOfARealRunRendersInChromiumWithoutConsoleMessagesWithinThreeSeconds() throws Exception {
        Path run = Fixtures.copy(Fixtures.FAULTS, tmp);
        String url = RunReport.write(run).toUri().toString();

        Chromium.Page page = chromium.load(url);
        chromium.screenshot(url, Path.of("target", "screenshots", "report-faults.png"));

        assertThat(page.console()).as("console messages").isEmpty();
        Document dom = Jsoup.parse(page.dom());
        assertThat(dom.body().hasAttr("data-render-errors")).isFalse();
        assertThat(attribute(dom, "data-rendered-ops")).isEqualTo(1827);
        assertThat(attribute(dom, "data-ready-ms"))
                .as("ms from navigation to drawn")
                .isLessThan(RENDER_LIMIT_MS);
        assertThat(dom.select("#latency-panels canvas"))
                .as("one latency panel per f")
                .hasSize(2);
        assertThat(dom.select("#latency-panels h3").eachText()).containsExactly("latency of read", "latency of write");
        assertThat(dom.select("#fault-legend .key").eachText()).containsExactly("partition", "clock");
        assertThat(dom.select("#rates-legend .key").eachText()).contains("read ok", "write fail", "write info");
        assertThat(Path.of("target", "screenshots", "report-faults.png")).isNotEmptyFile();
    }

    @Test
    void aHundredThousandOpReportRendersAndScrollsItsWholeTimelineWithinThreeSeconds() throws Exception {
        Path run = GeneratedRun.write(tmp, 100_000, 20, 11);
        String url = RunReport.write(run).toUri().toString();

        Chromium.Page page = chromium.load(url + "#measure-timeline");
        chromium.screenshot(url, Path.of("target", "screenshots", "report-100k.png"));

        assertThat(page.console()).as("console messages").isEmpty();
        Document dom = Jsoup.parse(page.dom());
        assertThat(attribute(dom, "data-rendered-ops")).isGreaterThan(49_000);
        assertThat(attribute(dom, "data-ready-ms"))
                .as("ms from navigation to drawn")
                .isLessThan(RENDER_LIMIT_MS);
        assertThat(attribute(dom, "data-timeline-frames")).isEqualTo(53);
        assertThat(attribute(dom, "data-timeline-ms"))
                .as("53 timeline frames across the whole run, zoomed out and in")
                .isLessThan(RENDER_LIMIT_MS);
        System.out.printf(
                "100k-op report in Chromium: ready after %d ms, script %d ms, 53 timeline frames in %d ms%n",
                attribute(dom, "data-ready-ms"), attribute(dom, "data-render-ms"), attribute(dom, "data-timeline-ms"));
    }

    @Test
    void underServeTheReportsScriptRunsByItsHashAndAChangedScriptIsBlocked() throws Exception {
        Path store = Files.createDirectories(tmp.resolve("store"));
        Fixtures.copy(Fixtures.FAULTS, store);
        Path tampered = Fixtures.copy(Fixtures.VALID, store);
        Path report = RunReport.write(tampered);
        String original = Files.readString(report);
        String changed = original.replace("</script></body>", "\n</script></body>");
        assertThat(changed).as("the report ends with its script").isNotEqualTo(original);
        Files.writeString(report, changed);

        try (ResultsServer server = ResultsServer.start(store, ResultsServer.loopback(0))) {
            Chromium.Page served = chromium.load(server.uri()
                    .resolve("/runs/" + Fixtures.FAULTS + "/report.html")
                    .toString());
            Chromium.Page blocked = chromium.load(server.uri()
                    .resolve("/runs/" + Fixtures.VALID + "/report.html")
                    .toString());

            assertThat(served.console()).as("console messages").isEmpty();
            Document dom = Jsoup.parse(served.dom());
            assertThat(attribute(dom, "data-rendered-ops")).isEqualTo(1827);
            assertThat(dom.select("#latency-panels canvas")).hasSize(2);
            assertThat(Jsoup.parse(blocked.dom()).body().hasAttr("data-ready-ms"))
                    .as("a script that is not the report's own does not run")
                    .isFalse();
        }
    }
}
