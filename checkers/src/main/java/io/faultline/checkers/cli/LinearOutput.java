package io.faultline.checkers.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.checkers.linear.LinearizabilityResult;
import java.io.PrintWriter;
import java.util.List;

/**
 * How {@code check} prints a file checked for linearizability, as text or as one JSON object. Both say which
 * {@link io.faultline.checkers.history.Semantics} the models applied and list the history's warnings.
 */
final class LinearOutput {
    private LinearOutput() {}

    static void print(PrintWriter out, boolean json, String name, CheckCommand.Checked c) {
        LinearizabilityResult r = c.result();
        if (json) {
            ObjectNode o = ResultJson.result(name, r, c.opCount(), c.elapsedMs(), null);
            o.put("semantics", c.semantics().label());
            ArrayNode warnings = o.putArray("warnings");
            c.warnings().forEach(warnings::add);
            if (!c.warnings().isEmpty()) {
                o.put("warning", c.warnings().getFirst());
            }
            out.println(o);
            return;
        }
        StringBuilder line = new StringBuilder(name)
                .append(": ")
                .append(r.verdict().label())
                .append(" (")
                .append(r.model())
                .append(", ")
                .append(c.opCount())
                .append(" ops, ")
                .append(c.elapsedMs())
                .append(" ms, ")
                .append(c.semantics().label())
                .append(" semantics)");
        if (r.cause() != null) {
            line.append(": ").append(r.cause());
            List<String> done = r.fullyCheckedKeys();
            if (r.partitions().size() > 1) {
                line.append("; fully checked keys: ").append(done.isEmpty() ? "none" : String.join(" ", done));
            }
        }
        out.println(line);
        for (String w : c.warnings()) {
            out.println("  warning: " + w);
        }
        if (r.counterexample() != null) {
            out.println("  " + r.counterexample().explanation());
        }
    }
}
