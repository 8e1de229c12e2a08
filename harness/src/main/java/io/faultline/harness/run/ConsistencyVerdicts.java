package io.faultline.harness.run;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import io.faultline.workloads.Consistency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The verdicts of a run whose db promised less than linearizability ({@link ConsistencyCheck}), side by side.
 *
 * @param promised the model the db promised
 * @param applied whether the workload had a checker for it; if not, {@code verdicts} is empty and the run was
 *     judged by its usual checker
 * @param verdicts the promised model's verdict (which is the run's) first, then linearizability's (shown beside)
 * @param explanation one sentence on the difference between them, or on why the promised check did not apply
 */
public record ConsistencyVerdicts(
        Consistency promised, boolean applied, List<ModelVerdict> verdicts, String explanation) {

    public ConsistencyVerdicts {
        verdicts = List.copyOf(verdicts);
    }

    /** One model's verdict; {@code judgesTheRun} for the one the run's verdict comes from. */
    public record ModelVerdict(Consistency model, boolean judgesTheRun, CheckResult result) {}

    /** The verdict of {@code model}, if it was checked. */
    public java.util.Optional<Verdict> verdict(Consistency model) {
        return verdicts.stream()
                .filter(v -> v.model() == model)
                .map(v -> v.result().verdict())
                .findFirst();
    }

    /** One line for the run summary, e.g. {@code sequential (promised; the run's verdict): valid; linearizable ...}. */
    public String describe() {
        if (!applied) {
            return explanation;
        }
        return verdicts.stream()
                        .map(v -> v.model().label()
                                + (v.judgesTheRun() ? " (promised; the run's verdict): " : " (shown beside): ")
                                + v.result().verdict().label())
                        .collect(Collectors.joining("; "))
                + ". " + explanation;
    }

    /** {@code results.json}'s {@code consistency} object. */
    public Map<String, Object> json() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("promised", promised.label());
        json.put("applied", applied);
        json.put("explanation", explanation);
        json.put(
                "verdicts",
                verdicts.stream()
                        .map(v -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("model", v.model().label());
                            m.put("judges_the_run", v.judgesTheRun());
                            m.put("checker", v.result().checker());
                            m.put("verdict", v.result().verdict().label());
                            m.put("summary", v.result().summary());
                            if (!v.judgesTheRun()) {
                                m.put("details", v.result().details()); // the run's own are under "checkers"
                            }
                            return m;
                        })
                        .toList());
        return json;
    }
}
