package io.faultline.checkers.history;

import java.util.List;

/**
 * A validated history, its client operations paired.
 *
 * @param operations client operations in invocation order, ids dense from 0
 * @param opCount how many ops (lines) the history had, nemesis ops included
 * @param nemesisOps how many of those were of non-client processes (the nemesis and other named processes)
 * @param warnings what was odd but not wrong, e.g. times that go backwards, each {@code line N: what (op ...)}
 */
public record PairedHistory(List<Operation> operations, long opCount, long nemesisOps, List<String> warnings) {
    public PairedHistory {
        operations = List.copyOf(operations);
        warnings = List.copyOf(warnings);
    }

    /** A history with nothing to warn about. */
    public PairedHistory(List<Operation> operations, long opCount, long nemesisOps) {
        this(operations, opCount, nemesisOps, List.of());
    }
}
