package io.faultline.checkers.format;

import io.faultline.checkers.history.Op;
import java.io.Closeable;
import org.jspecify.annotations.Nullable;

/** Reads a history op by op, so that a history larger than memory can be streamed. */
public interface HistoryReader extends Closeable {

    /** The next op, or null at the end of the history; throws {@link HistoryFormatException} on bad input. */
    @Nullable
    Op next();

    /** The source line of the op last returned by {@link #next()} (1-based). */
    int line();

    /** The file name used in error messages. */
    String source();

    /**
     * In lenient mode, a description of the truncated last line that was ignored (a run killed mid-write), or
     * null when there was none.
     */
    default @Nullable String ignoredTruncation() {
        return null;
    }

    @Override
    void close();
}
