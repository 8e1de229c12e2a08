package io.faultline.checkers.edn;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Writes the values {@link EdnReader} produces back as EDN text; {@code read(write(v))} equals {@code v}. */
public final class EdnWriter {
    private EdnWriter() {}

    public static String write(Object value) {
        StringBuilder sb = new StringBuilder();
        write(value, sb);
        return sb.toString();
    }

    public static void write(Object value, StringBuilder sb) {
        switch (value) {
            case null -> sb.append("nil");
            case String s -> writeString(s, sb);
            case Keyword k -> sb.append(':').append(k.name());
            case Symbol s -> sb.append(s.name());
            case Boolean b -> sb.append(b);
            case BigInteger b -> sb.append(b).append('N');
            case BigDecimal b -> sb.append(b.toPlainString()).append('M');
            case Double d -> writeDouble(d, sb);
            case Float f -> writeDouble(f.doubleValue(), sb);
            case Number n -> sb.append(n.longValue());
            case Character c -> writeChar(c, sb);
            case Tagged t -> {
                sb.append('#').append(t.tag()).append(' ');
                write(t.value(), sb);
            }
            case Map<?, ?> m -> {
                sb.append('{');
                Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
                while (it.hasNext()) {
                    Map.Entry<?, ?> e = it.next();
                    write(e.getKey(), sb);
                    sb.append(' ');
                    write(e.getValue(), sb);
                    if (it.hasNext()) {
                        sb.append(", ");
                    }
                }
                sb.append('}');
            }
            case Set<?> s -> writeAll("#{", s, "}", sb);
            case List<?> l -> writeAll("[", l, "]", sb);
            default ->
                throw new IllegalArgumentException(
                        "cannot write a " + value.getClass().getName() + " as EDN: " + value);
        }
    }

    private static void writeAll(String open, Collection<?> items, String close, StringBuilder sb) {
        sb.append(open);
        boolean first = true;
        for (Object item : items) {
            if (!first) {
                sb.append(' ');
            }
            first = false;
            write(item, sb);
        }
        sb.append(close);
    }

    private static void writeDouble(double d, StringBuilder sb) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("EDN has no literal for " + d);
        }
        sb.append(d);
    }

    private static void writeChar(char c, StringBuilder sb) {
        switch (c) {
            case '\n' -> sb.append("\\newline");
            case '\r' -> sb.append("\\return");
            case ' ' -> sb.append("\\space");
            case '\t' -> sb.append("\\tab");
            default -> sb.append('\\').append(c);
        }
    }

    private static void writeString(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
