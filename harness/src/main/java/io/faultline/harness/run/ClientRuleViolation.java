package io.faultline.harness.run;

import io.faultline.checkers.history.ProcessId;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A client rule broken during a run: the completion was recorded as {@code info} instead.
 *
 * @param rule the rule
 * @param detail what the client returned
 * @param op the index in {@code history.jsonl} of the op's invocation, or -1 before the run has matched it
 * @param process the process that invoked the op
 * @param time the invocation's time, nanoseconds since the run began
 * @param f the op's function
 * @param client the class of the client that broke the rule
 */
public record ClientRuleViolation(
        ClientRules.Rule rule, String detail, long op, ProcessId process, long time, String f, String client) {

    /** The same violation at history index {@code index}. */
    public ClientRuleViolation at(long index) {
        return new ClientRuleViolation(rule, detail, index, process, time, f, client);
    }

    /** The line the command prints: {@code client rule broken: RULE — DETAIL (op N, client CLASS)}. */
    public String describe() {
        return "client rule broken: " + rule.text() + " — " + detail + " (op " + op + ", client " + client + ")";
    }

    /** The violation as {@code results.json} lists it. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rule", rule.text());
        json.put("detail", detail);
        json.put("op", op);
        json.put("process", process.toString());
        json.put("f", f);
        json.put("client", client);
        return json;
    }
}
