package io.faultline.checkers.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.LinearizabilityResult;
import io.faultline.checkers.linear.LinearizabilityResult.Counterexample;
import org.jspecify.annotations.Nullable;

/** The JSON objects the {@code check} command prints, one per file. */
final class ResultJson {
    static final ObjectMapper MAPPER = new ObjectMapper();

    private ResultJson() {}

    static ObjectNode verdict(ObjectNode o, Verdict v) {
        switch (v) {
            case VALID -> o.put("valid", true);
            case INVALID -> o.put("valid", false);
            case UNKNOWN -> o.put("valid", "unknown");
        }
        return o;
    }

    static ObjectNode result(String file, LinearizabilityResult r, long ops, long elapsedMs, @Nullable String note) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", file);
        verdict(o, r.verdict());
        o.put("model", r.model());
        o.put("ops", ops);
        o.put("operations", r.operations());
        o.put("partitions", r.partitions().size());
        o.put("elapsed_ms", elapsedMs);
        if (note != null) {
            o.put("warning", note);
        }
        o.putArray("anomaly_types");
        ArrayNode not = o.putArray("not");
        if (r.verdict() == Verdict.INVALID) {
            not.add("linearizable");
        }
        if (r.cause() != null) {
            o.put("cause", r.cause());
            ArrayNode keys = o.putArray("fully_checked_keys");
            r.fullyCheckedKeys().forEach(keys::add);
        }
        Counterexample c = r.counterexample();
        if (c != null) {
            o.put("key", c.key());
            o.set("failing_op", operation(c.failing()));
            if (c.lastOkBefore() != null) {
                o.set("last_ok_before", operation(c.lastOkBefore()));
            }
            o.put("initial_state", c.initialState());
            ArrayNode steps = o.putArray("longest_linearization");
            for (LinearizabilityResult.Step s : c.longest()) {
                ObjectNode step = steps.addObject();
                step.set("op", operation(s.operation()));
                step.put("state_after", s.stateAfter());
            }
            o.put("explanation", c.explanation());
        }
        return o;
    }

    static ObjectNode operation(Operation op) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("process", op.process().toString());
        o.put("f", op.f());
        o.put("outcome", op.outcome().name().toLowerCase(java.util.Locale.ROOT));
        o.put("input", EdnWriter.write(op.input()));
        if (op.outcome() == Operation.Outcome.OK) {
            o.put("output", EdnWriter.write(op.output()));
        }
        Object key = op.invocation().extra("key");
        if (key != null) {
            o.put("key", EdnWriter.write(key));
        }
        o.put("invoke_index", op.invocation().index());
        Op done = op.completion();
        if (done != null) {
            o.put("complete_index", done.index());
        }
        if (op.invocationLine() > 0) {
            o.put("invoke_line", op.invocationLine());
        }
        if (op.completionLine() > 0) {
            o.put("complete_line", op.completionLine());
        }
        o.put("description", op.describe());
        return o;
    }

    static ObjectNode error(String file, String message) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("file", file);
        o.put("valid", "unknown");
        o.put("error", message);
        return o;
    }
}
