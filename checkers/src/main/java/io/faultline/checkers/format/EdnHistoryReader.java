package io.faultline.checkers.format;

import io.faultline.checkers.edn.EdnParseException;
import io.faultline.checkers.edn.EdnReader;
import io.faultline.checkers.history.Op;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Jepsen EDN history op by op: either one map per line ({@code history.edn}, Porcupine's kv files) or a
 * single vector or list of maps (Knossos test data), streamed element by element. In lenient mode a history cut off
 * at the end (an unclosed last map or vector, with no newline after it) is accepted up to the last complete op. The
 * {@link EdnReader}'s limits (nesting, numbers, op size) apply.
 */
public final class EdnHistoryReader implements HistoryReader {
    private final EdnReader edn;
    private final String source;
    private final boolean lenient;
    private boolean started;
    private int close = -1;
    private boolean done;
    private long position;
    private int opLine;
    private @Nullable String truncation;

    public EdnHistoryReader(Reader in, String source, boolean lenient) {
        this.edn = new EdnReader(in, source);
        this.source = source;
        this.lenient = lenient;
    }

    @Override
    public @Nullable Op next() {
        if (done) {
            return null;
        }
        try {
            if (!started) {
                started = true;
                int c = edn.peekSignificant();
                if (c == '[' || c == '(') {
                    edn.skipChar();
                    close = c == '[' ? ']' : ')';
                }
            }
            int c = edn.peekSignificant();
            if (close >= 0) {
                if (c == -1) {
                    return truncated("expected '" + (char) close + "' to close the history but the file ended");
                }
                if (c == close) {
                    edn.skipChar();
                    done = true;
                    if (edn.hasNext()) {
                        throw new HistoryFormatException(
                                source,
                                edn.line(),
                                "expected the end of the file after the history's closing '" + (char) close + "'");
                    }
                    return null;
                }
            } else if (c == -1) {
                done = true;
                return null;
            }
            Object element = edn.next();
            opLine = edn.formLine();
            try {
                return OpFields.toOp(element, position++);
            } catch (IllegalArgumentException e) {
                throw new HistoryFormatException(source, opLine, e.getMessage());
            }
        } catch (EdnParseException e) {
            if (e.problem().contains("reached the end of the input")) {
                return truncated(e.problem());
            }
            throw new HistoryFormatException(source, e.line(), e.problem() + " (column " + e.column() + ")");
        }
    }

    private @Nullable Op truncated(String problem) {
        done = true;
        if (edn.endsWithNewline()) {
            throw new HistoryFormatException(
                    source,
                    edn.line() - 1,
                    problem + " (the last line ends with a newline, so this is not a write cut off by a killed run)");
        }
        String what = problem + " (truncated: was the run killed while writing?)";
        if (lenient) {
            truncation =
                    source + ":" + edn.line() + ": " + what + "; ignored the incomplete op from line " + edn.formLine();
            return null;
        }
        throw new HistoryFormatException(source, edn.line(), what + "; --lenient ignores it");
    }

    @Override
    public int line() {
        return opLine;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public @Nullable String ignoredTruncation() {
        return truncation;
    }

    @Override
    public void close() {
        try {
            edn.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
