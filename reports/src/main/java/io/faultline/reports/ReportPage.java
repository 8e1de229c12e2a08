package io.faultline.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Lays out the report page: the summary and tables written here, the charts drawn by {@code report.js}. */
final class ReportPage {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String CSS = resource("report.css");
    static final String SCRIPT = resource("report.js");

    private ReportPage() {}

    static String render(RunFiles run) {
        List<Operation> operations =
                run.paired() == null ? List.of() : run.paired().operations();
        long endNs = run.endNs();
        List<NemesisAction> actions = FaultWindows.actions(run.history());
        io.faultline.checkers.history.FaultVocabulary vocabulary = FaultWindows.vocabulary(run.test());
        List<FaultWindow> windows = FaultWindows.windows(actions, endNs, vocabulary);
        int concurrency = run.spec().path("concurrency").asInt(0);
        ChartData chart = ChartData.of(operations, actions, windows, endNs, concurrency, vocabulary);

        Html html = new Html(256 * 1024 + operations.size() * 80);
        html.trusted("<!DOCTYPE html>");
        html.open("html", "lang", "en").open("head");
        html.empty("meta", "charset", "utf-8");
        html.element(
                "title", "Faultline: " + run.testName() + " " + run.directory().getFileName());
        html.open("style").trusted(CSS).close();
        html.close().open("body");
        String merged = Verdicts.label(run.results().path("valid"));
        html.open("h1").text(run.testName() + " ");
        Verdicts.badge(html, merged);
        html.close();
        html.element("p", String.valueOf(run.directory().getFileName()), "class", "muted");
        if (!run.problems().isEmpty()) {
            html.open("ul", "class", "problems");
            run.problems().forEach(p -> html.element("li", p, "class", "problem"));
            html.close();
        }
        summary(html, run, endNs, operations.size());
        verdicts(html, run.results());
        ConsistencySection.write(html, run.results());
        clientRules(html, run.results());
        counts(html, operations);
        faults(html, actions);
        availability(html, Availability.of(windows, operations, endNs));
        charts(html);
        timeline(html);
        checkerDetails(html, run.results().path("checkers"), operations);
        checkerDetails(html, ConsistencySection.beside(run.results()), operations);
        files(html, run);
        html.jsonData("chart-data", json(chart));
        html.open("script").trusted(SCRIPT).close();
        html.close().close();
        return html.toString();
    }

    private static void summary(Html html, RunFiles run, long endNs, int operations) {
        html.element("h2", "Summary");
        html.open("table", "class", "summary");
        row(html, "test", run.testName());
        row(html, "run", String.valueOf(run.directory().getFileName()));
        row(html, "started", run.test().path("started").asText(""));
        row(html, "code version", run.test().path("faultline_version").asText(""));
        row(html, "seed", run.spec().path("seed").asText(""));
        row(html, "duration", CounterexampleSection.seconds(endNs) + " s (first to last op)");
        row(html, "history", run.history().size() + " ops, " + operations + " client operations");
        for (Iterator<Map.Entry<String, JsonNode>> it = run.spec().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!List.of("name", "seed").contains(field.getKey())) {
                row(html, field.getKey(), text(field.getValue()));
            }
        }
        html.close();
    }

    private static void verdicts(Html html, JsonNode results) {
        html.element("h2", "Verdicts");
        html.open("table", "class", "verdicts").open("tr");
        for (String h : List.of("checker", "verdict", "summary")) {
            html.element("th", h);
        }
        html.close();
        html.open("tr", "class", "merged").element("td", "merged");
        html.open("td");
        Verdicts.badge(html, Verdicts.label(results.path("valid")));
        html.close().element("td", results.path("summary").asText("")).close();
        for (JsonNode checker : results.path("checkers")) {
            html.open("tr").element("td", checker.path("checker").asText("?"));
            html.open("td");
            Verdicts.badge(html, Verdicts.label(checker.path("verdict")));
            html.close().element("td", checker.path("summary").asText("")).close();
        }
        html.close();
    }

    /**
     * The client rules the plugin's client broke ({@code results.json}'s {@code client_rule_violations}); nothing
     * when it broke none, or for a run written before the harness checked them.
     */
    private static void clientRules(Html html, JsonNode results) {
        JsonNode violations = results.path("client_rule_violations");
        if (!violations.isArray() || violations.isEmpty()) {
            return;
        }
        html.element("h2", "Client rules broken");
        html.element(
                "p",
                "The client broke these rules; each op was recorded as info (it may have happened), so the verdict"
                        + " holds, but the client needs fixing (docs/plugins.md).",
                "class",
                "problem");
        html.open("table", "class", "client-rules").open("tr");
        for (String h : List.of("op", "process", "f", "rule", "what the client returned", "client")) {
            html.element("th", h);
        }
        html.close();
        for (JsonNode v : violations) {
            html.open("tr");
            for (String field : List.of("op", "process", "f", "rule", "detail", "client")) {
                html.element("td", v.path(field).asText(""));
            }
            html.close();
        }
        html.close();
    }

    private static void counts(Html html, List<Operation> operations) {
        html.element("h2", "Operations per f");
        Map<String, int[]> byF = new TreeMap<>();
        for (Operation op : operations) {
            byF.computeIfAbsent(op.f(), f -> new int[4])[op.outcome().ordinal()]++;
        }
        html.open("table", "class", "counts").open("tr");
        for (String h : List.of("f", "ok", "fail", "info", "pending", "total")) {
            html.element("th", h);
        }
        html.close();
        byF.forEach((f, c) -> {
            html.open("tr").element("td", f, "class", "f");
            for (int v : c) {
                html.element("td", v, "class", "num");
            }
            html.element("td", c[0] + c[1] + c[2] + c[3], "class", "num").close();
        });
        html.close();
    }

    private static void faults(Html html, List<NemesisAction> actions) {
        html.element("h2", "Faults");
        if (actions.isEmpty()) {
            html.element("p", "The nemesis did nothing in this run.");
            return;
        }
        html.open("table", "class", "faults").open("tr");
        for (String h : List.of("invoked (s)", "completed (s)", "f", "requested", "applied", "verified", "note")) {
            html.element("th", h);
        }
        html.close();
        for (NemesisAction a : actions) {
            html.open("tr");
            html.element("td", CounterexampleSection.seconds(a.invokedNs()), "class", "num");
            html.element(
                    "td",
                    a.completedNs() < 0 ? "never" : CounterexampleSection.seconds(a.completedNs()),
                    "class",
                    "num");
            html.element("td", a.f(), "class", "f");
            html.element("td", a.request() == null ? "" : EdnWriter.write(a.request()), "class", "value");
            html.element("td", a.applied(), "class", "value");
            html.element("td", a.hasVerification() ? (a.verified() ? "yes" : "NO") : "not said");
            html.element("td", a.note());
            html.close();
        }
        html.close();
    }

    private static void availability(Html html, List<Availability> rows) {
        html.element("h2", "Availability per fault");
        if (rows.isEmpty()) {
            html.element("p", "No fault window in this run.");
            return;
        }
        html.element(
                "p",
                "Operations count for the interval in which they were invoked. After: from the heal for as"
                        + " long as the fault lasted, or until the next fault. Recovery: from the heal to the completion of"
                        + " the first operation invoked after it that succeeded.",
                "class",
                "muted");
        html.open("table", "class", "availability").open("tr");
        for (String h : List.of("fault", "from (s)", "to (s)", "ok during", "ok after", "recovery (s)")) {
            html.element("th", h);
        }
        html.close();
        for (Availability a : rows) {
            html.open("tr");
            html.element("td", a.window().label(), "class", "window-label");
            html.element("td", CounterexampleSection.seconds(a.window().fromNs()), "class", "num");
            html.element("td", CounterexampleSection.seconds(a.window().toNs()), "class", "num");
            html.element("td", fraction(a.during()), "class", "num");
            html.element("td", a.window().end() == null ? "never healed" : fraction(a.after()), "class", "num");
            html.element(
                    "td", a.recoveryNs() == null ? "—" : CounterexampleSection.seconds(a.recoveryNs()), "class", "num");
            html.close();
        }
        html.close();
    }

    private static String fraction(Availability.Counts c) {
        if (c.total() == 0) {
            return "no ops";
        }
        return String.format(Locale.ROOT, "%.1f%% (%d of %d)", 100 * c.okFraction(), c.ok(), c.total());
    }

    private static void charts(Html html) {
        html.element("h2", "Latency");
        html.empty("div", "class", "legend", "id", "fault-legend");
        html.empty("div", "class", "legend", "id", "latency-legend");
        html.empty("div", "id", "latency-panels");
        html.element("h2", "Latency quantiles");
        html.empty("div", "class", "legend", "id", "quantiles-legend");
        html.open("div").empty("canvas", "class", "chart", "id", "quantiles").close();
        html.element("h2", "Throughput");
        html.empty("div", "class", "legend", "id", "rates-legend");
        html.open("div").empty("canvas", "class", "chart", "id", "rates").close();
    }

    private static void timeline(Html html) {
        html.element("h2", "Timeline");
        html.open("p", "class", "muted")
                .text("Each column is a worker thread (the nemesis last); each bar runs from an operation's invocation"
                        + " down to its completion, green ok, red fail, amber info, grey never completed. Hover for"
                        + " the operation. ")
                .element("button", "zoom in", "id", "timeline-zoom-in", "type", "button")
                .text(" ")
                .element("button", "zoom out", "id", "timeline-zoom-out", "type", "button")
                .close();
        html.open("div", "class", "timeline-holder");
        html.open("div", "id", "timeline-scroll");
        html.empty("canvas", "id", "timeline-canvas");
        html.empty("div", "id", "timeline-spacer");
        html.close();
        html.empty("div", "id", "timeline-tip");
        html.close();
    }

    private static void checkerDetails(Html html, Iterable<JsonNode> checkers, List<Operation> operations) {
        for (JsonNode checker : checkers) {
            JsonNode details = checker.path("details");
            if (details.isMissingNode() || details.isNull()) {
                continue;
            }
            String name = checker.path("checker").asText("?");
            html.open("section", "class", "checker", "id", "checker-" + name);
            html.element("h2", "Checker: " + name);
            if (details.has("partitions") || details.has("counterexample")) {
                CounterexampleSection.write(html, details, operations.isEmpty() ? null : operations);
            } else {
                html.element("pre", details.toPrettyString());
            }
            html.close();
        }
    }

    private static void files(Html html, RunFiles run) {
        html.element("h2", "Files");
        html.open("ul", "class", "files");
        List<String> files =
                new ArrayList<>(List.of(RunFiles.HISTORY, RunFiles.RESULTS, RunFiles.TEST, RunFiles.HARNESS_LOG));
        files.addAll(run.nodeLogs());
        for (String file : files) {
            html.open("li").element("a", file, "href", href(file)).close();
        }
        html.close();
    }

    /** A relative link to a file of the run: each path segment percent-encoded. */
    static String href(String relative) {
        List<String> parts = new ArrayList<>();
        for (String segment : relative.split("/")) {
            parts.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return String.join("/", parts);
    }

    private static void row(Html html, String name, String value) {
        html.open("tr")
                .element("th", name)
                .element("td", value, "class", "value")
                .close();
    }

    /** A spec value as a person reads it: {@code none} for null, ISO-8601 durations ({@code PT1M30S}) in seconds. */
    static String text(JsonNode v) {
        if (v.isNull() || v.isMissingNode()) {
            return "none";
        }
        if (v.isTextual() && v.asText().startsWith("PT")) {
            try {
                return seconds(java.time.Duration.parse(v.asText()));
            } catch (java.time.format.DateTimeParseException e) {
                return v.asText();
            }
        }
        return v.isValueNode() ? v.asText() : v.toString();
    }

    private static String seconds(java.time.Duration d) {
        java.math.BigDecimal s = java.math.BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros();
        return (s.scale() < 0 ? s.setScale(0) : s).toPlainString() + " s";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the chart data must serialize to JSON: " + e.getMessage(), e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = ReportPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the report resource " + name + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
