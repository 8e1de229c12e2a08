package io.faultline.checkers.history;

import java.util.List;

/**
 * A validated history, its client operations paired.
 *
 * @param operations client operations in invocation order, ids dense from 0
 * @param opCount how many ops (lines) the history had, nemesis ops included
 * @param nemesisOps how many of those were the nemesis's
 */
public record PairedHistory(List<Operation> operations, long opCount, long nemesisOps) {
    public PairedHistory {
        operations = List.copyOf(operations);
    }
}
