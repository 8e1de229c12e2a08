package io.faultline.checkers.format;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * Lines of a history, each at most {@link ReadLimits#maxLineChars()} long, remembering whether the last one ended
 * with a newline: only a last line without one may have been cut off by a killed writer.
 */
final class LineReader {
    private final Reader in;
    private final String source;
    private final int maxChars;
    private final char[] buf = new char[8192];
    private int pos;
    private int limit;
    private int lineNo;
    private boolean terminated = true;

    LineReader(Reader in, String source, ReadLimits limits) {
        this.in = in;
        this.source = source;
        this.maxChars = limits.maxLineChars();
    }

    /** The next line without its terminator ({@code \n} or {@code \r\n}), or null at the end. */
    @Nullable
    String readLine() {
        StringBuilder sb = null;
        while (true) {
            if (pos >= limit && !fill()) {
                if (sb == null) {
                    return null;
                }
                terminated = false;
                lineNo++;
                return sb.toString();
            }
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            int length = (sb == null ? 0 : sb.length()) + pos - start;
            if (length > maxChars) {
                throw new HistoryFormatException(
                        source,
                        lineNo + 1,
                        "a line longer than " + ReadLimits.describeChars(maxChars) + " (the reader's limit)");
            }
            if (sb == null) {
                sb = new StringBuilder(Math.max(16, pos - start));
            }
            sb.append(buf, start, pos - start);
            if (pos < limit) {
                pos++;
                lineNo++;
                terminated = true;
                int n = sb.length();
                if (n > 0 && sb.charAt(n - 1) == '\r') {
                    sb.setLength(n - 1);
                }
                return sb.toString();
            }
        }
    }

    /** False only after a last line that ended without a newline. */
    boolean lastLineTerminated() {
        return terminated;
    }

    /** The number of the line last returned (1-based). */
    int lineNo() {
        return lineNo;
    }

    private boolean fill() {
        try {
            int n;
            do {
                n = in.read(buf, 0, buf.length);
            } while (n == 0);
            if (n < 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
    }

    void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
