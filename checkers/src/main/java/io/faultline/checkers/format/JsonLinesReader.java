package io.faultline.checkers.format;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.faultline.checkers.history.Op;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
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
 * complete object (a run killed mid-write) is an error, or in lenient mode is ignored and reported by {@link
 * #ignoredTruncation()}.
 */
public final class JsonLinesReader implements HistoryReader {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final BufferedReader in;
    private final String source;
    private final boolean lenient;
    private @Nullable String lookahead;
    private boolean lookaheadLoaded;
    private int lineNo;
    private int opLine;
    private long position;
    private @Nullable String truncation;

    public JsonLinesReader(BufferedReader in, String source, boolean lenient) {
        this.in = in;
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
            } catch (JsonProcessingException e) {
                if (peekLine() == null) {
                    String what = "the last line is not a complete JSON object (truncated: was the run killed while"
                            + " writing?)";
                    if (lenient) {
                        truncation = source + ":" + lineNo + ": " + what + "; ignored";
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
            try {
                lookahead = in.readLine();
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + source, e);
            }
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
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
