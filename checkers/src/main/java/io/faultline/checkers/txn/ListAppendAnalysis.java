package io.faultline.checkers.txn;

import java.util.List;

/**
 * What the list-append checker found: {@link io.faultline.checkers.CheckResult#details()} of {@link
 * ListAppendChecker}.
 *
 * @param consistencyModels the models the history was checked against
 * @param anomalyTypes Elle's names of the anomalies found, most severe first (may include {@code
 *     empty-transaction-graph}, which rules out nothing)
 * @param not the weakest consistency models the anomalies rule out (Elle's {@code :not})
 * @param alsoNot the stronger models they rule out as well
 * @param anomalies the anomalies, at most {@link ListAppendChecker#EXAMPLES_PER_TYPE} of each type
 * @param counts how many of each type were found
 * @param transactions how many transactions (ok, info and failed)
 * @param dependencies how many related pairs of transactions the graph has
 * @param searchExhausted true when the cycle search ran out of budget before it had looked everywhere
 */
public record ListAppendAnalysis(
        List<String> consistencyModels,
        List<String> anomalyTypes,
        List<String> not,
        List<String> alsoNot,
        List<Anomaly> anomalies,
        List<Count> counts,
        int transactions,
        int dependencies,
        boolean searchExhausted)
        implements io.faultline.checkers.AnomalyReport {

    /** How many anomalies of one type. */
    public record Count(String type, int count) {}

    public ListAppendAnalysis {
        consistencyModels = List.copyOf(consistencyModels);
        anomalyTypes = List.copyOf(anomalyTypes);
        not = List.copyOf(not);
        alsoNot = List.copyOf(alsoNot);
        anomalies = List.copyOf(anomalies);
        counts = List.copyOf(counts);
    }
}
