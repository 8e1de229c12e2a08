package io.faultline.workloads;

import java.util.Locale;

/**
 * A consistency model a database promises for single operations, and a workload's checkers can judge by. A db says
 * which it promises ({@code Db.ConsistencyPromise}); a workload says which it has a checker for ({@link
 * Workload#checker(Consistency)}).
 */
public enum Consistency {
    /** One order of all operations that respects real time: an operation that completed before another began comes first. */
    LINEARIZABLE,
    /** One order of all operations that respects each client's own order (Lamport), but not real time. */
    SEQUENTIAL;

    /** {@code linearizable}, {@code sequential}: as results.json and the report spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
