package io.faultline.sut.json;

import io.faultline.sut.json.JsonValue.JsonArray;
import io.faultline.sut.json.JsonValue.JsonBool;
import io.faultline.sut.json.JsonValue.JsonNumber;
import io.faultline.sut.json.JsonValue.JsonObject;
import io.faultline.sut.json.JsonValue.JsonString;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A strict recursive-descent parser for RFC 8259 JSON. */
final class JsonParser {

    private static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    JsonParser(String text) {
        this.text = text;
    }

    JsonValue parseDocument() {
        JsonValue value = parseValue();
        skipWhitespace();
        if (pos != text.length()) {
            throw error("unexpected text after the value");
        }
        return value;
    }

    private JsonValue parseValue() {
        skipWhitespace();
        if (pos >= text.length()) {
            throw error("expected a value");
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> parseObject();
            case '[' -> parseArray();
            case '"' -> new JsonString(parseString());
            case 't' -> literal("true", new JsonBool(true));
            case 'f' -> literal("false", new JsonBool(false));
            case 'n' -> literal("null", JsonValue.NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) {
                    yield parseNumber();
                }
                throw error("unexpected character '" + c + "'");
            }
        };
    }

    private JsonValue literal(String word, JsonValue value) {
        if (!text.startsWith(word, pos)) {
            throw error("expected " + word);
        }
        pos += word.length();
        return value;
    }

    private JsonObject parseObject() {
        enter();
        pos++;
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        skipWhitespace();
        if (peek() == '}') {
            pos++;
            depth--;
            return new JsonObject(fields);
        }
        while (true) {
            skipWhitespace();
            if (peek() != '"') {
                throw error("expected a field name");
            }
            String name = parseString();
            skipWhitespace();
            expect(':');
            fields.put(name, parseValue());
            skipWhitespace();
            char c = next();
            if (c == '}') {
                depth--;
                return new JsonObject(fields);
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
    }

    private JsonArray parseArray() {
        enter();
        pos++;
        List<JsonValue> items = new ArrayList<>();
        skipWhitespace();
        if (peek() == ']') {
            pos++;
            depth--;
            return new JsonArray(items);
        }
        while (true) {
            items.add(parseValue());
            skipWhitespace();
            char c = next();
            if (c == ']') {
                depth--;
                return new JsonArray(items);
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private String parseString() {
        pos++;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return out.toString();
            }
            if (c < 0x20) {
                throw error("control character in a string");
            }
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = next();
            switch (e) {
                case '"', '\\', '/' -> out.append(e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("truncated \\u escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private JsonNumber parseNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
        }
        digits();
        if (pos < text.length() && text.charAt(pos) == '.') {
            pos++;
            digits();
        }
        if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            pos++;
            if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
                pos++;
            }
            digits();
        }
        return new JsonNumber(text.substring(start, pos));
    }

    private void digits() {
        int start = pos;
        while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            pos++;
        }
        if (pos == start) {
            throw error("expected a digit");
        }
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw error("nested deeper than " + MAX_DEPTH);
        }
    }

    private void skipWhitespace() {
        while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end of text");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private JsonException error(String what) {
        return new JsonException("invalid JSON at offset " + pos + ": " + what);
    }
}
