package io.faultline.reports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Reads verdicts as {@code results.json} writes them ({@code true}, {@code false}, {@code "unknown"}, or a name). */
final class Verdicts {
    private Verdicts() {}

    /** {@code valid}, {@code invalid} or {@code unknown}: the merged {@code valid} field or a checker's verdict. */
    static String label(JsonNode verdict) {
        if (verdict.isBoolean()) {
            return verdict.booleanValue() ? "valid" : "invalid";
        }
        String text = verdict.asText("unknown").toLowerCase(Locale.ROOT);
        return switch (text) {
            case "valid", "true" -> "valid";
            case "invalid", "false" -> "invalid";
            default -> "unknown";
        };
    }

    /** Writes a verdict badge. */
    static void badge(Html html, String label) {
        html.element("span", label, "class", "verdict verdict-" + label);
    }
}
