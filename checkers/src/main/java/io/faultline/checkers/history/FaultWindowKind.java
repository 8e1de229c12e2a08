package io.faultline.checkers.history;

import java.util.Objects;

/**
 * A fault family a plugin nemesis adds to the built-in ones ({@link FaultKind}): the nemesis function that starts
 * it, the one that ends it, and the label reports and metrics show. {@code heal} ends it like every fault.
 */
public record FaultWindowKind(String label, String startF, String stopF) {

    public FaultWindowKind {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(startF, "startF");
        Objects.requireNonNull(stopF, "stopF");
        if (label.isBlank() || startF.isBlank() || stopF.isBlank()) {
            throw new IllegalArgumentException("a fault window needs a label, a start f and a stop f, not '" + label
                    + "', '" + startF + "', '" + stopF + "'");
        }
        if (startF.equals(stopF)) {
            throw new IllegalArgumentException(
                    "fault window " + label + ": its start and stop functions must differ, not both '" + startF + "'");
        }
        if (startF.equals(FaultKind.HEAL) || stopF.equals(FaultKind.HEAL)) {
            throw new IllegalArgumentException(
                    "fault window " + label + ": '" + FaultKind.HEAL + "' already ends every fault");
        }
    }
}
