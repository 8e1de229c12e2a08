package io.faultline.reports;

import java.nio.file.Path;
import java.util.List;

/** The results browser's front page: the store's runs, newest first, with a filter by verdict and name. */
final class IndexPage {
    static final String CSS = "body{font:14px/1.4 system-ui,sans-serif;margin:0 auto;max-width:1400px;"
            + "padding:0 16px 40px;color:#222}table{border-collapse:collapse}th,td{border:1px solid #ddd;"
            + "padding:3px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}td.num{text-align:right}"
            + ".verdict{display:inline-block;padding:1px 8px;border-radius:4px;font-weight:600;color:#fff}"
            + ".verdict-valid{background:#2a9d3a}.verdict-invalid{background:#d23c3c}.verdict-unknown{background:#c08a00}"
            + ".params{font-family:ui-monospace,monospace;font-size:12px}form{margin:12px 0}";

    /** Summaries of invalid runs can be paragraphs; the list shows their start, the report the rest. */
    private static final int SUMMARY_LIMIT = 240;

    private IndexPage() {}

    static String render(Path store, List<RunEntry> shown, int total, String verdict, String name) {
        Html html = new Html();
        html.trusted("<!DOCTYPE html>");
        html.open("html", "lang", "en").open("head");
        html.empty("meta", "charset", "utf-8");
        html.element("title", "Faultline results");
        html.open("style").trusted(CSS).close();
        html.close().open("body");
        html.element("h1", "Faultline results");
        html.element("p", "Store: " + store + " — " + shown.size() + " of " + total + " runs shown, newest first.");
        html.open("form", "method", "get", "action", "/");
        html.text("Verdict ");
        html.open("select", "name", "verdict");
        for (String v : List.of("", "valid", "invalid", "unknown")) {
            html.element(
                    "option", v.isEmpty() ? "any" : v, "value", v, "selected", v.equals(verdict) ? "selected" : null);
        }
        html.close();
        html.text(" Test name contains ");
        html.empty("input", "type", "text", "name", "name", "value", name);
        html.text(" ");
        html.element("button", "Filter", "type", "submit");
        html.close();
        html.open("table", "class", "runs").open("tr");
        for (String h : List.of("run", "test", "verdict", "started", "duration", "parameters", "summary", "files")) {
            html.element("th", h);
        }
        html.close();
        for (RunEntry run : shown) {
            String base = "/runs/" + ReportPage.href(run.testName()) + "/" + ReportPage.href(run.runName()) + "/";
            html.open("tr", "class", "run verdict-row-" + run.verdict());
            html.open("td")
                    .element("a", run.runName(), "href", base + RunReport.FILE_NAME)
                    .close();
            html.element("td", run.testName(), "class", "test-name");
            html.open("td");
            Verdicts.badge(html, run.verdict());
            html.close();
            html.element("td", run.started(), "class", "started");
            html.element(
                    "td",
                    run.durationNs() < 0 ? "" : CounterexampleSection.seconds(run.durationNs()) + " s",
                    "class",
                    "num");
            html.element("td", String.join(" ", run.parameters()), "class", "params");
            html.element("td", clip(run.summary()), "class", "summary");
            html.open("td");
            html.element("a", "history", "href", base + RunFiles.HISTORY).text(" ");
            html.element("a", "results", "href", base + RunFiles.RESULTS).text(" ");
            html.element("a", "files", "href", base);
            html.close();
            html.close();
        }
        html.close();
        html.close().close();
        return html.toString();
    }

    private static String clip(String summary) {
        return summary.length() <= SUMMARY_LIMIT ? summary : summary.substring(0, SUMMARY_LIMIT - 1) + "…";
    }

    /** A plain listing of a directory of the store (a node's folder, a run without a history). */
    static String listing(String title, List<String> entries) {
        Html html = new Html();
        html.trusted("<!DOCTYPE html>");
        html.open("html", "lang", "en").open("head");
        html.empty("meta", "charset", "utf-8");
        html.element("title", title);
        html.open("style").trusted(CSS).close();
        html.close().open("body");
        html.element("h1", title);
        html.open("ul");
        html.open("li").element("a", "..", "href", "../").close();
        for (String e : entries) {
            html.open("li").element("a", e, "href", ReportPage.href(e)).close();
        }
        html.close();
        html.close().close();
        return html.toString();
    }
}
