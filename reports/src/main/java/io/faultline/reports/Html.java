package io.faultline.reports;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Writes HTML in which every value is escaped by construction: tag and attribute names come from this code, every
 * attribute value and every text is escaped. The only way to add markup verbatim is {@link #trusted}, for the
 * report's own template resources.
 */
final class Html {
    private final StringBuilder out;
    private final Deque<String> open = new ArrayDeque<>();

    Html(int capacity) {
        this.out = new StringBuilder(capacity);
    }

    Html() {
        this(4096);
    }

    /** Escapes text for an element's content or a quoted attribute value. */
    static String escape(@Nullable Object value) {
        String s = String.valueOf(value);
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String r = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (r != null) {
                if (b == null) {
                    b = new StringBuilder(s.length() + 16).append(s, 0, i);
                }
                b.append(r);
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * Makes JSON safe inside {@code <script type="application/json">}: {@code <}, {@code >} and {@code &} become
     * {@code \}{@code u} escapes (so neither {@code </script>} nor {@code <!--} can appear), as do the line and
     * paragraph separators. Valid only for JSON, where these characters can occur only inside strings.
     */
    static String scriptSafeJson(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            switch (c) {
                case '<' -> b.append("\\u003c");
                case '>' -> b.append("\\u003e");
                case '&' -> b.append("\\u0026");
                case '\u2028' -> b.append("\\u2028");
                case '\u2029' -> b.append("\\u2029");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Opens an element; {@code attributes} are name, value pairs (a null value leaves the attribute out). */
    Html open(String tag, @Nullable String... attributes) {
        startTag(tag, attributes);
        open.push(tag);
        return this;
    }

    /** Closes the innermost open element. */
    Html close() {
        out.append("</").append(open.pop()).append('>');
        return this;
    }

    /** An element with text content. */
    Html element(String tag, @Nullable Object text, @Nullable String... attributes) {
        startTag(tag, attributes);
        out.append(escape(text)).append("</").append(tag).append('>');
        return this;
    }

    /** An element without content ({@code br}, {@code canvas} with attributes only, ...). */
    Html empty(String tag, @Nullable String... attributes) {
        startTag(tag, attributes);
        if (!List.of("br", "meta", "hr", "input").contains(tag)) {
            out.append("</").append(tag).append('>');
        }
        return this;
    }

    /** Escaped text. */
    Html text(@Nullable Object text) {
        out.append(escape(text));
        return this;
    }

    /** Markup from the report's own resources, never from a run. */
    Html trusted(String markup) {
        out.append(markup);
        return this;
    }

    /** A script element holding data as JSON, made safe by {@link #scriptSafeJson}. */
    Html jsonData(String id, String json) {
        out.append("<script type=\"application/json\" id=\"")
                .append(escape(id))
                .append("\">")
                .append(scriptSafeJson(json))
                .append("</script>");
        return this;
    }

    private void startTag(String tag, @Nullable String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("attributes of <" + tag + "> come as name, value pairs");
        }
        out.append('<').append(tag);
        for (int i = 0; i < attributes.length; i += 2) {
            if (attributes[i + 1] != null) {
                out.append(' ')
                        .append(attributes[i])
                        .append("=\"")
                        .append(escape(attributes[i + 1]))
                        .append('"');
            }
        }
        out.append('>');
    }

    @Override
    public String toString() {
        if (!open.isEmpty()) {
            throw new IllegalStateException("elements still open: " + open);
        }
        return out.toString();
    }
}
