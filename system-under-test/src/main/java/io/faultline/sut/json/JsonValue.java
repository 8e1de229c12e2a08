package io.faultline.sut.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON value as a closed type. {@link #toString()} writes compact JSON, so that equal values have equal text
 * (object keys keep their insertion order).
 */
public sealed interface JsonValue {

    JsonNull NULL = new JsonNull();

    static JsonValue parse(String text) {
        return new JsonParser(text).parseDocument();
    }

    static JsonString of(String s) {
        return new JsonString(s);
    }

    static JsonNumber of(long n) {
        return new JsonNumber(Long.toString(n));
    }

    static JsonBool of(boolean b) {
        return new JsonBool(b);
    }

    /** A value, or null if the field is missing. */
    static JsonValue orNull(JsonValue v) {
        return v == null ? NULL : v;
    }

    record JsonNull() implements JsonValue {
        @Override
        public String toString() {
            return "null";
        }
    }

    record JsonBool(boolean value) implements JsonValue {
        @Override
        public String toString() {
            return Boolean.toString(value);
        }
    }

    /** A number kept as the text it was written as. */
    record JsonNumber(String text) implements JsonValue {
        public long longValue() {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new JsonException("expected an integer, got " + text);
            }
        }

        @Override
        public String toString() {
            return text;
        }
    }

    record JsonString(String value) implements JsonValue {
        @Override
        public String toString() {
            return quote(value);
        }
    }

    record JsonArray(List<JsonValue> items) implements JsonValue {
        public JsonArray {
            items = Collections.unmodifiableList(new ArrayList<>(items));
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append(items.get(i));
            }
            return out.append(']').toString();
        }
    }

    record JsonObject(Map<String, JsonValue> fields) implements JsonValue {
        public JsonObject {
            fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        }

        public Optional<JsonValue> get(String name) {
            return Optional.ofNullable(fields.get(name));
        }

        /** A field that must be present. */
        public JsonValue require(String name) {
            JsonValue v = fields.get(name);
            if (v == null) {
                throw new JsonException("missing field \"" + name + "\"");
            }
            return v;
        }

        public String requireString(String name) {
            if (require(name) instanceof JsonString s) {
                return s.value();
            }
            throw new JsonException("field \"" + name + "\" must be a string");
        }

        public long requireLong(String name) {
            if (require(name) instanceof JsonNumber n) {
                return n.longValue();
            }
            throw new JsonException("field \"" + name + "\" must be an integer");
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, JsonValue> e : fields.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(quote(e.getKey())).append(':').append(e.getValue());
            }
            return out.append('}').toString();
        }
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
