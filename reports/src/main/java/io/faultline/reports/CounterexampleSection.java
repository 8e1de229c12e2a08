package io.faultline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Operation;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The linearizability checker's answer in a form a person can follow: the per-key verdicts, and for a history that
 * does not linearize the failing operation, the operations concurrent with it, the last operation that completed ok
 * before it, and the longest partial linearization with the model state after each step.
 */
final class CounterexampleSection {
    /** The longest linearization can hold thousands of steps; the report shows its end, where it gets stuck. */
    static final int STEPS_SHOWN = 60;

    static final int CONCURRENT_SHOWN = 100;

    private CounterexampleSection() {}

    static void write(Html html, JsonNode details, @Nullable List<Operation> operations) {
        JsonNode partitions = details.path("partitions");
        if (partitions.isArray() && !partitions.isEmpty()) {
            html.element("h3", "Per key");
            html.open("table", "class", "partitions").open("tr");
            for (String h : List.of("key", "verdict", "operations", "cause")) {
                html.element("th", h);
            }
            html.close();
            for (JsonNode p : partitions) {
                html.open("tr");
                String key = p.path("key").asText("");
                html.element("td", key.isEmpty() ? "(the whole history)" : key, "class", "value");
                html.open("td");
                Verdicts.badge(html, Verdicts.label(p.path("verdict")));
                html.close();
                html.element("td", p.path("operations").asText(""), "class", "num");
                html.element(
                        "td", p.path("cause").isNull() ? "" : p.path("cause").asText(""));
                html.close();
            }
            html.close();
        }
        JsonNode cx = details.path("counterexample");
        if (!cx.isObject()) {
            return;
        }
        html.open("section", "id", "counterexample");
        html.element("h3", "Counterexample");
        String key = cx.path("key").asText("");
        if (!key.isEmpty()) {
            html.open("p").text("In key ").element("code", key).text(":").close();
        }
        JsonNode failing = cx.path("failing");
        html.open("p", "class", "failing-op")
                .element("strong", "No order of the operations can place: ")
                .element("code", describe(failing))
                .close();
        JsonNode lastOk = cx.path("lastOkBefore");
        if (lastOk.isObject()) {
            html.open("p")
                    .text("The last operation that completed ok before it: ")
                    .element("code", describe(lastOk))
                    .close();
        }
        html.element("p", cx.path("explanation").asText(""), "class", "explanation");
        if (operations != null) {
            concurrent(html, failing, key, operations);
        }
        steps(html, cx);
        html.close();
    }

    /** Operations whose invocation-to-completion interval overlaps the failing operation's. */
    private static void concurrent(Html html, JsonNode failing, String key, List<Operation> operations) {
        long from = failing.path("invocation").path("time").asLong(-1);
        long failingIndex = failing.path("invocation").path("index").asLong(-1);
        JsonNode done = failing.path("completion");
        long to = done.isObject() ? done.path("time").asLong(Long.MAX_VALUE) : Long.MAX_VALUE;
        List<Operation> overlapping = new ArrayList<>();
        for (Operation op : operations) {
            long start = op.invocation().time();
            long end =
                    op.completion() == null ? Long.MAX_VALUE : op.completion().time();
            boolean sameKey = key.isEmpty() || key.equals(keyOf(op));
            if (sameKey && start <= to && end >= from && op.invocation().index() != failingIndex) {
                overlapping.add(op);
            }
        }
        html.element("h3", "Operations concurrent with it (" + overlapping.size() + ")");
        html.open("table", "class", "concurrent").open("tr");
        for (String h : List.of("operation", "invoked (s)", "completed (s)")) {
            html.element("th", h);
        }
        html.close();
        for (Operation op : overlapping.subList(0, Math.min(CONCURRENT_SHOWN, overlapping.size()))) {
            html.open("tr");
            html.element("td", op.describe(), "class", "value");
            html.element("td", seconds(op.invocation().time()), "class", "num");
            html.element(
                    "td",
                    op.completion() == null ? "never" : seconds(op.completion().time()),
                    "class",
                    "num");
            html.close();
        }
        html.close();
        if (overlapping.size() > CONCURRENT_SHOWN) {
            html.element("p", (overlapping.size() - CONCURRENT_SHOWN) + " more not shown", "class", "muted");
        }
    }

    private static void steps(Html html, JsonNode cx) {
        JsonNode longest = cx.path("longest");
        int total = longest.size();
        html.element("h3", "The longest partial linearization (" + total + " operations)");
        html.open("p")
                .text("Initial state: ")
                .element("code", cx.path("initialState").asText(""))
                .text(". Each row is the next operation in the only orders that get this far, and the model's state"
                        + " after it; after the last row no remaining operation can be placed before the failing"
                        + " operation completes.")
                .close();
        int first = Math.max(0, total - STEPS_SHOWN);
        if (first > 0) {
            html.element("p", first + " earlier steps are not shown (results.json has them all)", "class", "muted");
        }
        html.open("table", "class", "linearization").open("tr");
        for (String h : List.of("step", "operation", "state after")) {
            html.element("th", h);
        }
        html.close();
        for (int i = first; i < total; i++) {
            JsonNode step = longest.get(i);
            html.open("tr");
            html.element("td", i + 1, "class", "num");
            html.element("td", describe(step.path("operation")), "class", "value");
            html.element("td", step.path("stateAfter").asText(""), "class", "value");
            html.close();
        }
        html.open("tr", "class", "failing");
        html.element("td", "✗", "class", "num");
        html.element("td", describe(cx.path("failing")), "class", "value");
        html.element("td", "cannot be placed", "class", "value");
        html.close();
        html.close();
    }

    /**
     * An operation as results.json holds it (LinearizabilityResult's Operation): {@code p3 read → 99 (ok, #78..#83)};
     * a nil input and an output that repeats the input are left out ({@code p1 write 3 (ok, #2..#5)}).
     */
    static String describe(JsonNode op) {
        StringBuilder b = new StringBuilder();
        b.append('p')
                .append(process(op.path("process")))
                .append(' ')
                .append(op.path("f").asText("?"));
        JsonNode key = op.path("invocation").path("extra").path("key");
        if (!key.isMissingNode()) {
            b.append(" key ").append(value(key));
        }
        JsonNode input = op.path("input");
        if (!input.isMissingNode() && !input.isNull()) {
            b.append(' ').append(value(input));
        }
        String outcome = op.path("outcome").asText("").toLowerCase(java.util.Locale.ROOT);
        if (outcome.equals("ok") && !op.path("output").equals(input)) {
            b.append(" → ").append(value(op.path("output")));
        }
        b.append(" (").append(outcome);
        JsonNode inv = op.path("invocation").path("index");
        if (!inv.isMissingNode()) {
            b.append(", #").append(inv.asLong());
            JsonNode done = op.path("completion").path("index");
            if (!done.isMissingNode()) {
                b.append("..#").append(done.asLong());
            }
        }
        return b.append(')').toString();
    }

    private static String process(JsonNode process) {
        if (process.isObject()) {
            return process.has("number") ? process.path("number").asText() : "nemesis";
        }
        return process.asText("?");
    }

    private static String value(JsonNode v) {
        return v.isMissingNode() || v.isNull() ? "nil" : v.isTextual() ? v.asText() : v.toString();
    }

    private static String keyOf(Operation op) {
        Object key = op.invocation().extra("key");
        return key == null ? "" : EdnWriter.write(key);
    }

    static String seconds(long ns) {
        return String.format(java.util.Locale.ROOT, "%.3f", ns / 1e9);
    }
}
