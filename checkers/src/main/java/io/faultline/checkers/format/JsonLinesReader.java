package io.faultline.checkers.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.history.Op;
import java.io.BufferedReader;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads Faultline's JSON Lines history: one JSON object per line with Jepsen's fields ({@code index}, {@code time},
 * {@code type}, {@code process}, {@code f}, {@code value}, {@code error}, {@code node}; others are kept as extras).
 * Integers become {@link Long}, arrays unmodifiable lists, objects unmodifiable maps. A last line that is not a
 * complete object and has no newline (a run killed mid-write) is an error, or in lenient mode is ignored and
 * reported by {@link #ignoredTruncation()}; any other bad line is an error. Lines, nesting, numbers and strings are
 * bounded by {@link ReadLimits}.
 */
public final class JsonLinesReader implements HistoryReader {
    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(ReadLimits.MAX_DEPTH)
                            .maxNumberLength(ReadLimits.MAX_NUMBER_CHARS)
                            .maxStringLength(ReadLimits.MAX_LINE_CHARS)
                            .build())
                    .build())
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final LineReader in;
    private final String source;
    private final boolean lenient;
    private @Nullable String lookahead;
    private boolean lookaheadLoaded;
    private int lineNo;
    private int opLine;
    private long position;
    private @Nullable String truncation;

    public JsonLinesReader(BufferedReader in, String source, boolean lenient) {
        this(in, source, lenient, ReadLimits.DEFAULT);
    }

    public JsonLinesReader(Reader in, String source, boolean lenient, ReadLimits limits) {
        this.in = new LineReader(in, source, limits);
        this.source = source;
        this.lenient = lenient;
    }

    @Override
    public @Nullable Op next() {
        while (true) {
            String line = readLine();
            if (line == null) {
                return null;
            }
            if (line.isBlank()) {
                continue;
            }
            Object parsed;
            try {
                parsed = MAPPER.readValue(line, Object.class);
            } catch (StreamConstraintsException e) {
                throw new HistoryFormatException(source, lineNo, limitBroken(e));
            } catch (JsonProcessingException e) {
                if (peekLine() == null && !in.lastLineTerminated()) {
                    String what = "the last line is not a complete JSON object and has no newline (truncated: was"
                            + " the run killed while writing?)";
                    if (lenient) {
                        truncation = source + ":" + lineNo + ": " + what + "; ignored it: " + excerpt(line);
                        return null;
                    }
                    throw new HistoryFormatException(source, lineNo, what + "; --lenient ignores it");
                }
                throw new HistoryFormatException(
                        source, lineNo, "expected one JSON object per line: " + e.getOriginalMessage());
            }
            opLine = lineNo;
            try {
                return OpFields.toOp(plain(parsed), position++);
            } catch (IllegalArgumentException e) {
                throw new HistoryFormatException(source, lineNo, e.getMessage());
            }
        }
    }

    /** The limit a line broke, in our words rather than Jackson's. */
    private static String limitBroken(StreamConstraintsException e) {
        String m = String.valueOf(e.getOriginalMessage());
        if (m.contains("nesting depth")) {
            return "nesting deeper than " + ReadLimits.MAX_DEPTH + " levels (the reader's limit)";
        }
        if (m.contains("Number value length")) {
            return "a number longer than " + ReadLimits.MAX_NUMBER_CHARS + " characters (the reader's limit)";
        }
        if (m.contains("String value length")) {
            return "a string longer than " + ReadLimits.describeChars(ReadLimits.MAX_LINE_CHARS)
                    + " (the reader's limit)";
        }
        return "beyond the reader's limits: " + m.replaceAll(" ?\\(from `[^`]*`\\)", "");
    }

    /** The start of a line, for saying what was dropped. */
    static String excerpt(String line) {
        String s = line.strip();
        return "'" + (s.length() <= 80 ? s : s.substring(0, 80) + "...") + "'";
    }

    private static @Nullable Object plain(@Nullable Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> out = new LinkedHashMap<>();
            m.forEach((k, x) -> out.put(k, plain(x)));
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(x -> out.add(plain(x)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    private @Nullable String readLine() {
        String line = peekLine();
        lookaheadLoaded = false;
        lookahead = null;
        if (line != null) {
            lineNo++;
        }
        return line;
    }

    private @Nullable String peekLine() {
        if (!lookaheadLoaded) {
            lookahead = in.readLine();
            lookaheadLoaded = true;
        }
        return lookahead;
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
        in.close();
    }
}
