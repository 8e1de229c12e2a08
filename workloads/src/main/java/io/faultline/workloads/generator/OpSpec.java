package io.faultline.workloads.generator;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** What an op does, before a generator gives it a worker and a time: {@code f}, value and extra fields (a key). */
public record OpSpec(String f, @Nullable Object value, Map<String, Object> extra) {

    public OpSpec {
        Objects.requireNonNull(f, "f");
        extra = Map.copyOf(extra);
    }

    public static OpSpec of(String f, @Nullable Object value) {
        return new OpSpec(f, value, Map.of());
    }

    public OpSpec withExtra(String name, Object extraValue) {
        var copy = new java.util.LinkedHashMap<>(extra);
        copy.put(name, extraValue);
        return new OpSpec(f, value, copy);
    }
}
