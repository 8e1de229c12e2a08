package io.faultline.checkers.linear;

import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.model.Models;
import java.io.StringReader;
import java.time.Duration;
import java.util.List;

/** Test fixtures: histories written inline as EDN lines, checked with a named model. */
final class InlineHistories {
    private InlineHistories() {}

    static List<Operation> edn(String... lines) {
        String text = String.join("\n", lines);
        try (HistoryReader r = io.faultline.checkers.format.Histories.open(
                new StringReader(text), "inline.edn", HistoryFormat.EDN, false)) {
            return io.faultline.checkers.format.Histories.pair(r).operations();
        }
    }

    static LinearizabilityResult check(String model, String... lines) {
        return LinearizabilityChecker.check(
                Models.byName(model, null),
                edn(lines),
                LinearizabilityChecker.Options.defaults().withTimeout(Duration.ofSeconds(30)));
    }
}
