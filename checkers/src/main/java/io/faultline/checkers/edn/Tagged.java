package io.faultline.checkers.edn;

import java.util.Objects;

/**
 * A tagged EDN element such as {@code #inst "2024-01-01T00:00:00Z"} that this reader keeps as written.
 *
 * @param tag the tag symbol without the {@code #}
 * @param value the element that followed the tag (may be {@code null} for {@code #foo nil})
 */
public record Tagged(String tag, Object value) {
    public Tagged {
        Objects.requireNonNull(tag, "tag");
    }

    @Override
    public String toString() {
        return "#" + tag + " " + EdnWriter.write(value);
    }
}
