package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the kernel's netem queueing discipline does to a node's outgoing packets: a delay with jitter, random loss,
 * duplication, and reordering (which netem applies only to delayed traffic, so it comes with a delay). Planned here
 * as plain data, rendered as {@code tc} arguments, and carried in nemesis ops as a map.
 *
 * @param delayMillis added to each packet (0: none)
 * @param jitterMillis the delay varies by up to this much either way (needs a delay)
 * @param lossPercent chance a packet is dropped
 * @param duplicatePercent chance a packet is sent twice
 * @param reorderPercent chance a packet skips the delay and so overtakes the ones before it (needs a delay)
 */
public record Netem(
        long delayMillis, long jitterMillis, double lossPercent, double duplicatePercent, double reorderPercent) {

    public Netem {
        if (delayMillis < 0 || jitterMillis < 0) {
            throw new IllegalArgumentException(
                    "netem's delay and jitter are milliseconds >= 0, not " + delayMillis + " and " + jitterMillis);
        }
        if (jitterMillis > 0 && delayMillis == 0 || reorderPercent > 0 && delayMillis == 0) {
            throw new IllegalArgumentException("netem applies jitter and reordering to delayed packets only: give a"
                    + " delay-ms above 0 with jitter-ms or reorder");
        }
        for (double p : new double[] {lossPercent, duplicatePercent, reorderPercent}) {
            if (p < 0 || p > 100) {
                throw new IllegalArgumentException("netem's loss, duplicate and reorder are percentages in [0, 100]");
            }
        }
        if (delayMillis == 0 && lossPercent == 0 && duplicatePercent == 0) {
            throw new IllegalArgumentException("netem with no delay, loss or duplication does nothing");
        }
    }

    public static Netem delay(long millis, long jitterMillis) {
        return new Netem(millis, jitterMillis, 0, 0, 0);
    }

    public static Netem loss(double percent) {
        return new Netem(0, 0, percent, 0, 0);
    }

    public static Netem duplicate(double percent) {
        return new Netem(0, 0, 0, percent, 0);
    }

    public static Netem reorder(long delayMillis, double percent) {
        return new Netem(delayMillis, 0, 0, 0, percent);
    }

    /** The arguments after {@code tc qdisc replace dev IFACE root netem}. */
    public List<String> tcArguments() {
        List<String> args = new ArrayList<>();
        if (delayMillis > 0) {
            args.addAll(List.of("delay", delayMillis + "ms"));
            if (jitterMillis > 0) {
                args.addAll(List.of(jitterMillis + "ms", "distribution", "normal"));
            }
        }
        if (lossPercent > 0) {
            args.addAll(List.of("loss", percent(lossPercent)));
        }
        if (duplicatePercent > 0) {
            args.addAll(List.of("duplicate", percent(duplicatePercent)));
        }
        if (reorderPercent > 0) {
            args.addAll(List.of("reorder", percent(reorderPercent)));
        }
        return List.copyOf(args);
    }

    private static String percent(double p) {
        return String.format(Locale.ROOT, "%.2f%%", p);
    }

    /** The op value form: only the parts in use, e.g. {@code {delay-ms: 100, jitter-ms: 10}}. */
    public Map<String, Object> asValue() {
        Map<String, Object> out = new LinkedHashMap<>();
        if (delayMillis > 0) {
            out.put("delay-ms", delayMillis);
        }
        if (jitterMillis > 0) {
            out.put("jitter-ms", jitterMillis);
        }
        if (lossPercent > 0) {
            out.put("loss", lossPercent);
        }
        if (duplicatePercent > 0) {
            out.put("duplicate", duplicatePercent);
        }
        if (reorderPercent > 0) {
            out.put("reorder", reorderPercent);
        }
        return out;
    }

    /** Reads {@link #asValue()}'s form back; unknown keys and non-numbers are errors naming the key. */
    public static Netem fromValue(@Nullable Object value) {
        if (!(value instanceof Map<?, ?> map) || map.isEmpty()) {
            throw new IllegalArgumentException(
                    "a netem fault is a map of delay-ms, jitter-ms, loss, duplicate, reorder; not " + value);
        }
        Map<String, Number> parts = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            String key = String.valueOf(k);
            if (!List.of("delay-ms", "jitter-ms", "loss", "duplicate", "reorder")
                    .contains(key)) {
                throw new IllegalArgumentException(
                        "a netem fault has delay-ms, jitter-ms, loss, duplicate and" + " reorder, not '" + key + "'");
            }
            if (!(v instanceof Number n)) {
                throw new IllegalArgumentException("netem's " + key + " must be a number, not " + v);
            }
            parts.put(key, n);
        });
        return new Netem(
                parts.getOrDefault("delay-ms", 0).longValue(),
                parts.getOrDefault("jitter-ms", 0).longValue(),
                parts.getOrDefault("loss", 0).doubleValue(),
                parts.getOrDefault("duplicate", 0).doubleValue(),
                parts.getOrDefault("reorder", 0).doubleValue());
    }
}
