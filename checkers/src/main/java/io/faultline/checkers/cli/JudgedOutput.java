package io.faultline.checkers.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.checkers.AnomalyReport;
import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import java.io.PrintWriter;
import java.util.List;

/** How {@code check} prints a file judged by a whole-history checker, as text or as one JSON object. */
final class JudgedOutput {
    private JudgedOutput() {}

    static void print(PrintWriter out, boolean json, String file, CheckCommand.Judged j) {
        CheckResult r = j.result();
        if (json) {
            out.println(json(file, j));
            return;
        }
        out.println(file + ": " + r.verdict().label() + " (" + j.model() + ", " + j.opCount() + " ops, " + j.elapsedMs()
                + " ms)");
        if (j.truncation() != null) {
            out.println("  warning: " + j.truncation());
        }
        if (r.verdict() != Verdict.VALID) {
            out.println("  " + r.summary());
        }
    }

    /**
     * {@code file}, {@code valid}, {@code model}, {@code ops}, {@code elapsed_ms}, {@code summary}, {@code
     * anomaly_types}, {@code not} and the checker's {@code details}.
     */
    static ObjectNode json(String file, CheckCommand.Judged j) {
        CheckResult r = j.result();
        ObjectNode o = ResultJson.MAPPER.createObjectNode();
        o.put("file", file);
        ResultJson.verdict(o, r.verdict());
        o.put("model", j.model());
        o.put("ops", j.opCount());
        o.put("elapsed_ms", j.elapsedMs());
        if (j.truncation() != null) {
            o.put("warning", j.truncation());
        }
        o.put("summary", r.summary());
        List<String> types = List.of();
        List<String> not = List.of();
        if (r.details() instanceof AnomalyReport report) {
            types = report.anomalyTypes();
            not = report.not();
        } else if (r.verdict() == Verdict.INVALID) {
            not = List.of(j.model());
        }
        ArrayNode t = o.putArray("anomaly_types");
        types.forEach(t::add);
        ArrayNode n = o.putArray("not");
        not.forEach(n::add);
        if (r.details() != null) {
            o.set("details", ResultJson.MAPPER.valueToTree(r.details()));
        }
        return o;
    }
}
