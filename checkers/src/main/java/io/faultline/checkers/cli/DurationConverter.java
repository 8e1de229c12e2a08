package io.faultline.checkers.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 500ms}, {@code 60s}, {@code 2m}, {@code 1h}, a bare number of seconds, or ISO-8601 {@code PT1M}. */
public final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");

    @Override
    public Duration convert(String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE.matcher(v);
        if (m.matches()) {
            double n = Double.parseDouble(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            double millis = switch (unit) {
                case "ms" -> n;
                case "m" -> n * 60_000;
                case "h" -> n * 3_600_000;
                default -> n * 1000;
            };
            return Duration.ofMillis(Math.round(millis));
        }
        try {
            return Duration.parse(value.strip());
        } catch (RuntimeException e) {
            throw new TypeConversionException(
                    "expected a duration such as 500ms, 60s, 2m or 1h but got '" + value + "'");
        }
    }
}
