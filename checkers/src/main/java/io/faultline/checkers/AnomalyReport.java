package io.faultline.checkers;

import java.util.List;

/**
 * Details of a checker that names anomalies and the consistency models they rule out (the list-append and causal
 * checkers), so that results can show both the same way.
 */
public interface AnomalyReport {
    /** Names of the anomalies found: Elle's ({@code G1c}, {@code G-single-item}) or the bad patterns' ({@code CyclicCO}). */
    List<String> anomalyTypes();

    /** The consistency models the anomalies rule out. */
    List<String> not();
}
