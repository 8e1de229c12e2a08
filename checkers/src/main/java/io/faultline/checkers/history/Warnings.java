package io.faultline.checkers.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Warnings about a history, grouped by kind: the first few of each kind are kept in full, the rest are counted, so
 * that a history whose clocks disagree all along gives a few lines, not one per op.
 */
final class Warnings {
    static final int KEPT_PER_KIND = 3;

    private record Kind(List<String> first, long[] count) {}

    private final Map<String, Kind> byKind = new LinkedHashMap<>();

    void add(String kind, int line, Op op, @Nullable String detail) {
        Kind k = byKind.computeIfAbsent(kind, x -> new Kind(new ArrayList<>(), new long[1]));
        k.count()[0]++;
        if (k.first().size() < KEPT_PER_KIND) {
            k.first()
                    .add((line > 0 ? "line " + line + ": " : "") + kind + " (op " + op.describe()
                            + (detail == null ? "" : "; " + detail) + ")");
        }
    }

    List<String> list() {
        List<String> out = new ArrayList<>();
        byKind.forEach((kind, k) -> {
            out.addAll(k.first());
            long more = k.count()[0] - k.first().size();
            if (more > 0) {
                out.add("and " + more + " more: " + kind);
            }
        });
        return out;
    }
}
