package io.faultline.workloads.generator;

import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An op a generator wants invoked: by which worker, at what logical time (nanoseconds since the test began; the
 * interpreter waits until then), with which function and value.
 */
public record Invocation(
        Worker worker, long time, String f, @Nullable Object value, Map<String, Object> extra) {

    public Invocation {
        Objects.requireNonNull(worker, "worker");
        Objects.requireNonNull(f, "f");
        extra = Map.copyOf(extra);
    }

    public Invocation withTime(long newTime) {
        return new Invocation(worker, newTime, f, value, extra);
    }
}
