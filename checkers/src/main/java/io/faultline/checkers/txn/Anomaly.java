package io.faultline.checkers.txn;

import java.util.List;
import java.util.Objects;

/**
 * One anomaly found in a list-append history.
 *
 * @param type what kind (Elle's name via {@link AnomalyType#label()})
 * @param txns the transactions involved, each described ({@link Txn#describe()})
 * @param cycle for dependency cycles, the edges in order (the last one leads back to the first transaction); empty
 *     for the others
 * @param explanation in words
 */
public record Anomaly(AnomalyType type, List<String> txns, List<Step> cycle, String explanation) {

    /**
     * One edge of a cycle.
     *
     * @param from the earlier transaction's name, {@code T1}
     * @param to the later one's
     * @param kind why {@code from} must precede {@code to}
     * @param why in words
     */
    public record Step(String from, String to, DependencyKind kind, String why) {}

    public Anomaly {
        Objects.requireNonNull(type, "type");
        txns = List.copyOf(txns);
        cycle = List.copyOf(cycle);
        Objects.requireNonNull(explanation, "explanation");
    }

    /** An anomaly that is not a cycle. */
    static Anomaly of(AnomalyType type, List<Txn> txns, String explanation) {
        return new Anomaly(type, txns.stream().map(Txn::describe).toList(), List.of(), explanation);
    }
}
