package io.faultline.checkers.format;

import io.faultline.checkers.edn.EdnReader;
import java.time.Duration;

/**
 * The limits every history reader enforces, so that no input can exhaust the stack, the heap or the time allowed.
 * Each refusal is a {@link HistoryFormatException} naming the file, the line and the limit; running out of time is a
 * {@link ReadTimeoutException}.
 *
 * @param maxBytes the largest file read
 * @param maxLineChars the longest line of a line-based format, and the longest op of an EDN history
 * @param deadlineNanos the {@link System#nanoTime()} by which reading must be done ({@link Long#MAX_VALUE}: none)
 * @param timeout the time allowed, as given (for messages)
 */
public record ReadLimits(long maxBytes, int maxLineChars, long deadlineNanos, Duration timeout) {
    /** 2 GiB. */
    public static final long MAX_BYTES = 2L << 30;
    /** 16 Mi characters. */
    public static final int MAX_LINE_CHARS = EdnReader.MAX_ELEMENT_CHARS;
    /** Nesting of collections in EDN and JSON. */
    public static final int MAX_DEPTH = EdnReader.MAX_DEPTH;
    /** Characters of a number literal. */
    public static final int MAX_NUMBER_CHARS = EdnReader.MAX_NUMBER_CHARS;
    /** The magnitude of a number's exponent ({@code 1e10000}). */
    public static final int MAX_EXPONENT = EdnReader.MAX_EXPONENT;

    /** The limits above and no deadline. */
    public static final ReadLimits DEFAULT = new ReadLimits(MAX_BYTES, MAX_LINE_CHARS, Long.MAX_VALUE, Duration.ZERO);

    /** These limits with reading to be done within {@code timeout} from now. */
    public ReadLimits within(Duration timeout) {
        return new ReadLimits(maxBytes, maxLineChars, System.nanoTime() + timeout.toNanos(), timeout);
    }

    /** Throws {@link ReadTimeoutException} when the deadline has passed. */
    public void checkDeadline(String source, int line) {
        if (deadlineNanos != Long.MAX_VALUE && System.nanoTime() - deadlineNanos > 0) {
            throw new ReadTimeoutException(source, line, timeout);
        }
    }

    /** {@code 16 MiB} (of characters), or a number of characters. */
    static String describeChars(long n) {
        return n % (1L << 20) == 0 ? (n >> 20) + " MiB" : n + " characters";
    }

    /** {@code 2 GiB}, {@code 16 MiB}, or bytes. */
    static String describeBytes(long n) {
        if (n % (1L << 30) == 0) {
            return (n >> 30) + " GiB";
        }
        if (n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        return n + " bytes";
    }
}
