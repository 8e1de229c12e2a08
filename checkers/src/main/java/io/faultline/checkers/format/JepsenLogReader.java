package io.faultline.checkers.format;

import io.faultline.checkers.edn.EdnParseException;
import io.faultline.checkers.edn.EdnReader;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.io.BufferedReader;
import java.io.Reader;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads the op lines of a Jepsen log: {@code INFO  jepsen.util - 3	:ok	:read	4} (tabs or spaces), where the value
 * is EDN ({@code nil}, {@code 4}, {@code [1 2]}, {@code :timed-out}). Lines without {@code jepsen.util - } (setup
 * and nemesis chatter in full logs) are skipped; a {@code jepsen.util - } line that is not an op is an error.
 */
public final class JepsenLogReader implements HistoryReader {
    static final String MARKER = "jepsen.util - ";
    private static final Pattern OP = Pattern.compile(
            "^.*?jepsen\\.util\\s+-\\s+(\\d+|:[^\\s:]\\S*)\\s+:(invoke|ok|fail|info)\\s+:(\\S+)(?:\\s+(.*?))?\\s*$");

    private final LineReader in;
    private final String source;
    private int lineNo;
    private int opLine;
    private long position;

    public JepsenLogReader(BufferedReader in, String source) {
        this(in, source, ReadLimits.DEFAULT);
    }

    public JepsenLogReader(Reader in, String source, ReadLimits limits) {
        this.in = new LineReader(in, source, limits);
        this.source = source;
    }

    @Override
    public @Nullable Op next() {
        while (true) {
            String line = in.readLine();
            if (line == null) {
                return null;
            }
            lineNo++;
            if (!line.contains(MARKER)) {
                continue;
            }
            Matcher m = OP.matcher(line);
            if (!m.matches()) {
                throw new HistoryFormatException(
                        source, lineNo, "expected 'jepsen.util - <process> :<invoke|ok|fail|info> :<f> <value>'");
            }
            ProcessId process =
                    m.group(1).startsWith(":") ? ProcessId.named(m.group(1).substring(1)) : client(m.group(1));
            Object value;
            String text = m.group(4);
            try {
                value = text == null || text.isEmpty() ? null : EdnReader.readString(text);
            } catch (EdnParseException e) {
                throw new HistoryFormatException(
                        source,
                        lineNo,
                        "expected the op's value to be EDN: " + e.problem() + " in " + JsonLinesReader.excerpt(text));
            }
            opLine = lineNo;
            return new Op(position++, -1, OpType.parse(m.group(2)), process, m.group(3), value, null, null, Map.of());
        }
    }

    private ProcessId client(String digits) {
        try {
            return ProcessId.client(Long.parseLong(digits));
        } catch (NumberFormatException e) {
            String shown =
                    digits.length() <= 40 ? digits : digits.substring(0, 40) + "... (" + digits.length() + " digits)";
            throw new HistoryFormatException(
                    source,
                    lineNo,
                    "the process number " + shown + " does not fit in a 64-bit integer (at most " + Long.MAX_VALUE
                            + ")");
        }
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
    public void close() {
        in.close();
    }
}
