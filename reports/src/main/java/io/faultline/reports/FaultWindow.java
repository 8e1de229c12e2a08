package io.faultline.reports;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A fault in force: from the nemesis op that started it to the op that ended it.
 *
 * @param kind the family, which picks its colour: {@code partition}, {@code kill}, {@code pause}, {@code clock},
 *     {@code link-fault}, {@code loss}
 * @param start the op that started it
 * @param end the op that ended it, or null when the history ended with the fault still in force
 * @param historyEndNs when the history ended, used as the end of a window that never closed
 */
record FaultWindow(
        String kind, NemesisAction start, @Nullable NemesisAction end, long historyEndNs) {

    FaultWindow {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(start, "start");
    }

    /** Start of the window: the invocation of the op that started the fault. */
    long fromNs() {
        return start.invokedNs();
    }

    /** End of the window: the completion of the op that ended the fault (the heal), or the end of the history. */
    long toNs() {
        if (end == null) {
            return Math.max(historyEndNs, fromNs());
        }
        return Math.max(end.completedNs() >= 0 ? end.completedNs() : end.invokedNs(), fromNs());
    }

    /** A label such as {@code partition: start-partition..stop-partition} or {@code clock: together..heal}. */
    String label() {
        return kind + ": " + start.f() + ".." + (end == null ? "(still in force)" : end.f());
    }
}
