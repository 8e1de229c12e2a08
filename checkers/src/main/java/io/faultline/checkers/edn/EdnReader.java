package io.faultline.checkers.edn;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A streaming reader of EDN (https://github.com/edn-format/edn), one top-level element at a time.
 *
 * <p>Elements become plain Java values: {@code nil} is {@code null}; booleans are {@link Boolean}; integers are
 * {@link Long} ({@link BigInteger} when they overflow or carry {@code N}); floats are {@link Double} ({@link
 * BigDecimal} with {@code M}); strings are {@link String}; characters {@link Character}; keywords {@link Keyword};
 * symbols {@link Symbol}; lists and vectors unmodifiable {@link List}s; maps unmodifiable insertion-ordered {@link
 * Map}s; sets unmodifiable insertion-ordered {@link Set}s; other tagged elements {@link Tagged}. Comments ({@code ;}),
 * commas and {@code #_} discards are skipped.
 */
public final class EdnReader implements Closeable {
    /** Collections, tags and discards nest at most this deep. */
    public static final int MAX_DEPTH = 200;
    /** A number literal has at most this many characters. */
    public static final int MAX_NUMBER_CHARS = 1000;
    /** A number's exponent is at most this in magnitude ({@code 1e10000M}). */
    public static final int MAX_EXPONENT = 10_000;
    /** A top-level element (an op), and so any string or symbol in it, has at most this many characters. */
    public static final int MAX_ELEMENT_CHARS = 16 << 20;

    private static final int EOF = -1;

    private final Reader in;
    private final String source;
    private final char[] buf = new char[8192];
    private int pos;
    private int limit;
    private int line = 1;
    private int column = 1;
    private int formLine = 1;
    private int depth;
    private long consumed;
    private long elementEnd = Long.MAX_VALUE;
    private int last = EOF;

    public EdnReader(Reader in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Reads exactly one element from {@code text}; anything but whitespace after it is an error. */
    public static Object readString(String text) {
        EdnReader r = new EdnReader(new StringReader(text), "<string>");
        if (!r.hasNext()) {
            throw r.error("expected an EDN element but the text is empty");
        }
        Object value = r.next();
        if (r.hasNext()) {
            throw r.error("expected the end of the text after one element");
        }
        return value;
    }

    /** The line the reader is on now (1-based). */
    public int line() {
        return line;
    }

    /** The line on which the element last returned by {@link #next()} started. */
    public int formLine() {
        return formLine;
    }

    public String source() {
        return source;
    }

    /** Skips whitespace, comments and discarded elements; true when another element (or closing bracket) follows. */
    public boolean hasNext() {
        return peekSignificant() != EOF;
    }

    /**
     * Skips whitespace, comments and discards, and returns the next significant character without consuming it, or
     * -1 at the end of input. Used to stream the elements of one big top-level vector.
     */
    public int peekSignificant() {
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                return EOF;
            }
            if (isWhitespace(c)) {
                advance();
            } else if (c == ';') {
                while (peek(0) != EOF && peek(0) != '\n') {
                    advance();
                }
            } else if (c == '#' && peek(1) == '_') {
                advance();
                advance();
                enter();
                readElement("an element after #_");
                depth--;
            } else {
                return c;
            }
        }
    }

    /** Consumes the one character that {@link #peekSignificant()} returned. */
    public void skipChar() {
        advance();
    }

    /** Reads the next top-level element; call {@link #hasNext()} first. */
    public Object next() {
        if (peekSignificant() == EOF) {
            throw error("expected an EDN element but reached the end of the input");
        }
        formLine = line;
        elementEnd = consumed + MAX_ELEMENT_CHARS;
        try {
            return readElement("an EDN element");
        } finally {
            elementEnd = Long.MAX_VALUE;
        }
    }

    /** True when the input read so far ends with a newline (a cut-off writer leaves a last line without one). */
    public boolean endsWithNewline() {
        return last == '\n';
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nesting deeper than " + MAX_DEPTH + " levels (the reader's limit)");
        }
    }

    /** An error at the current position. */
    public EdnParseException error(String problem) {
        return new EdnParseException(source, line, column, problem);
    }

    private Object readElement(String expected) {
        int c = peekSignificant();
        if (c == EOF) {
            throw error("expected " + expected + " but reached the end of the input");
        }
        switch (c) {
            case '"' -> {
                advance();
                return readString();
            }
            case ':' -> {
                advance();
                String name = readToken();
                if (name.isEmpty()) {
                    throw error("expected a keyword name after ':'");
                }
                return new Keyword(name);
            }
            case '[' -> {
                advance();
                enter();
                try {
                    return Collections.unmodifiableList(readSeq(']'));
                } finally {
                    depth--;
                }
            }
            case '(' -> {
                advance();
                enter();
                try {
                    return Collections.unmodifiableList(readSeq(')'));
                } finally {
                    depth--;
                }
            }
            case '{' -> {
                advance();
                enter();
                try {
                    return readMap();
                } finally {
                    depth--;
                }
            }
            case '\\' -> {
                advance();
                return readChar();
            }
            case '#' -> {
                advance();
                enter();
                try {
                    return readDispatch();
                } finally {
                    depth--;
                }
            }
            case ']', ')', '}' -> throw error("unexpected '" + (char) c + "' where " + expected + " was expected");
            default -> {
                if (isDigit(c) || ((c == '-' || c == '+') && isDigit(peek(1)))) {
                    return readNumber();
                }
                String token = readToken();
                if (token.isEmpty()) {
                    throw error("unexpected character '" + (char) c + "' where " + expected + " was expected");
                }
                return switch (token) {
                    case "nil" -> null;
                    case "true" -> Boolean.TRUE;
                    case "false" -> Boolean.FALSE;
                    default -> new Symbol(token);
                };
            }
        }
    }

    private Object readDispatch() {
        int c = peek(0);
        if (c == '{') {
            advance();
            List<Object> items = readSeq('}');
            Set<Object> set = new LinkedHashSet<>();
            for (Object item : items) {
                if (!set.add(item)) {
                    throw error("a set may not contain the element " + EdnWriter.write(item) + " twice");
                }
            }
            return Collections.unmodifiableSet(set);
        }
        String tag = readToken();
        if (tag.isEmpty() || !Character.isLetter(tag.charAt(0))) {
            throw error("expected a tag symbol, a set '#{' or a discard '#_' after '#'");
        }
        Object value = readElement("an element after the tag #" + tag);
        return new Tagged(tag, value);
    }

    private List<Object> readSeq(char close) {
        List<Object> items = new ArrayList<>();
        while (true) {
            int c = peekSignificant();
            if (c == EOF) {
                throw error("expected '" + close + "' to close the collection but reached the end of the input");
            }
            if (c == close) {
                advance();
                return items;
            }
            items.add(readElement("an element or '" + close + "'"));
        }
    }

    private Map<Object, Object> readMap() {
        Map<Object, Object> map = new LinkedHashMap<>();
        while (true) {
            int c = peekSignificant();
            if (c == EOF) {
                throw error("expected '}' to close the map but reached the end of the input");
            }
            if (c == '}') {
                advance();
                return Collections.unmodifiableMap(map);
            }
            Object key = readElement("a map key or '}'");
            if (peekSignificant() == '}') {
                throw error("expected a value for the map key " + EdnWriter.write(key) + " (a map needs pairs)");
            }
            Object value = readElement("a map value");
            if (map.containsKey(key)) {
                throw error("a map may not contain the key " + EdnWriter.write(key) + " twice");
            }
            map.put(key, value);
        }
    }

    private String readString() {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = peek(0);
            if (c == EOF) {
                throw error("expected '\"' to close the string but reached the end of the input");
            }
            advance();
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append((char) c);
                continue;
            }
            int e = peek(0);
            advance();
            switch (e) {
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'n' -> sb.append('\n');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case '\\' -> sb.append('\\');
                case '"' -> sb.append('"');
                case 'u' -> sb.append(readHex4());
                default -> throw error("unknown string escape '\\" + (e == EOF ? "" : (char) e) + "'");
            }
        }
    }

    private char readHex4() {
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(peek(0), 16);
            if (peek(0) == EOF || d < 0) {
                throw error("expected four hex digits after \\u");
            }
            advance();
            v = v * 16 + d;
        }
        return (char) v;
    }

    private Character readChar() {
        if (peek(0) == 'u' && Character.digit(peek(1), 16) >= 0) {
            advance();
            return readHex4();
        }
        int first = peek(0);
        if (first == EOF || isWhitespace(first)) {
            throw error("expected a character after '\\'");
        }
        String token = readToken();
        if (token.isEmpty()) {
            advance();
            return (char) first;
        }
        return switch (token) {
            case "newline" -> '\n';
            case "return" -> '\r';
            case "space" -> ' ';
            case "tab" -> '\t';
            default -> {
                if (token.length() == 1) {
                    yield token.charAt(0);
                }
                throw error("unknown character name '\\" + token + "'");
            }
        };
    }

    private Object readNumber() {
        String token = readToken(MAX_NUMBER_CHARS, "a number");
        checkExponent(token);
        try {
            if (token.endsWith("N")) {
                return new BigInteger(token.substring(0, token.length() - 1));
            }
            if (token.endsWith("M")) {
                return new BigDecimal(token.substring(0, token.length() - 1));
            }
            if (token.indexOf('.') >= 0 || token.indexOf('e') >= 0 || token.indexOf('E') >= 0) {
                return Double.parseDouble(token);
            }
            if (token.indexOf('/') >= 0) {
                String[] parts = token.split("/", 2);
                return Double.parseDouble(parts[0]) / Double.parseDouble(parts[1]);
            }
            BigInteger big = new BigInteger(token.startsWith("+") ? token.substring(1) : token);
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        } catch (NumberFormatException | ArithmeticException e) {
            throw error("expected a number but found '" + token + "'");
        }
    }

    /** Refuses an exponent beyond {@link #MAX_EXPONENT} before a BigDecimal or double is built from it. */
    private void checkExponent(String token) {
        int e = Math.max(token.indexOf('e'), token.indexOf('E'));
        if (e < 0) {
            return;
        }
        String digits = token.substring(e + 1).replaceFirst("^[+-]", "").replaceFirst("[MN]$", "");
        digits = digits.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 6
                || (!digits.isEmpty()
                        && digits.chars().allMatch(EdnReader::isDigit)
                        && Integer.parseInt(digits) > MAX_EXPONENT)) {
            throw error("a number with an exponent beyond " + MAX_EXPONENT + " (the reader's limit) in '"
                    + (token.length() <= 40 ? token : token.substring(0, 40) + "...") + "'");
        }
    }

    private String readToken() {
        return readToken(MAX_ELEMENT_CHARS, "a symbol or keyword");
    }

    private String readToken(int max, String what) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = peek(0);
            if (c == EOF || isWhitespace(c) || isDelimiter(c)) {
                return sb.toString();
            }
            if (sb.length() >= max) {
                throw error(what + " longer than " + max + " characters (the reader's limit)");
            }
            sb.append((char) c);
            advance();
        }
    }

    private static boolean isDelimiter(int c) {
        return c == '(' || c == ')' || c == '[' || c == ']' || c == '{' || c == '}' || c == '"' || c == ';'
                || c == '\\';
    }

    private static boolean isWhitespace(int c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ',' || c == '\f';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private int peek(int ahead) {
        if (pos + ahead >= limit) {
            fill(ahead + 1);
            if (pos + ahead >= limit) {
                return EOF;
            }
        }
        return buf[pos + ahead];
    }

    private void advance() {
        if (pos >= limit && peek(0) == EOF) {
            return;
        }
        if (++consumed > elementEnd) {
            throw error("an element longer than " + (MAX_ELEMENT_CHARS >> 20) + " MiB (the reader's limit for one op)");
        }
        last = buf[pos];
        if (buf[pos++] == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
    }

    private void fill(int wanted) {
        int remaining = limit - pos;
        System.arraycopy(buf, pos, buf, 0, remaining);
        pos = 0;
        limit = remaining;
        try {
            while (limit < wanted) {
                int n = in.read(buf, limit, buf.length - limit);
                if (n < 0) {
                    return;
                }
                limit += n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + source + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
