package io.faultline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code results.json}'s {@code consistency}, written by a run whose db promised less than linearizability: the
 * promised model's verdict (the run's) and linearizability's side by side, with a sentence on the difference; or,
 * when the workload had no checker for the promised model, the plain statement that its check did not apply.
 */
final class ConsistencySection {
    private ConsistencySection() {}

    static void write(Html html, JsonNode results) {
        JsonNode consistency = results.path("consistency");
        if (!consistency.isObject()) {
            return;
        }
        html.open("section", "class", "consistency");
        html.element("h2", "Consistency: " + consistency.path("promised").asText("?") + " promised");
        if (!consistency.path("applied").asBoolean(false)) {
            html.element("p", consistency.path("explanation").asText(""), "class", "consistency-not-applied");
            html.close();
            return;
        }
        JsonNode verdicts = consistency.path("verdicts");
        html.open("table", "class", "consistency-verdicts").open("tr");
        for (JsonNode v : verdicts) {
            html.element(
                    "th",
                    v.path("model").asText("?")
                            + (v.path("judges_the_run").asBoolean(false) ? " (the run's verdict)" : " (shown beside)"));
        }
        html.close().open("tr", "class", "consistency-badges");
        for (JsonNode v : verdicts) {
            html.open("td");
            Verdicts.badge(html, Verdicts.label(v.path("verdict")));
            html.close();
        }
        html.close().open("tr", "class", "consistency-summaries");
        for (JsonNode v : verdicts) {
            html.element("td", v.path("summary").asText(""));
        }
        html.close().close();
        html.element("p", consistency.path("explanation").asText(""), "class", "consistency-difference");
        html.close();
    }

    /** The results shown beside the run's verdict, with their details, in the shape of {@code checkers} entries. */
    static List<JsonNode> beside(JsonNode results) {
        List<JsonNode> beside = new ArrayList<>();
        for (JsonNode v : results.path("consistency").path("verdicts")) {
            if (!v.path("judges_the_run").asBoolean(true)) {
                beside.add(v);
            }
        }
        return beside;
    }
}
