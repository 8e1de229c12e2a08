package io.faultline.checkers.format;

import java.time.Duration;

/** The time allowed ran out while a history was being read; the verdict on such a file is unknown. */
public final class ReadTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final int line;
    private final Duration timeout;

    public ReadTimeoutException(String source, int line, Duration timeout) {
        super(source + ":" + line + ": timeout after " + describe(timeout) + " while reading (at line " + line + ")");
        this.source = source;
        this.line = line;
        this.timeout = timeout;
    }

    /** The cause of the unknown verdict: {@code timeout after 300ms while reading (at line 1204)}. */
    public String cause() {
        return "timeout after " + describe(timeout) + " while reading (at line " + line + ")";
    }

    public String source() {
        return source;
    }

    public int line() {
        return line;
    }

    private static String describe(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
}
