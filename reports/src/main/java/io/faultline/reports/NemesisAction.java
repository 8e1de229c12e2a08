package io.faultline.reports;

import io.faultline.checkers.edn.EdnWriter;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One nemesis op: its invocation paired with its completion (the nemesis completes every op with {@code info}).
 *
 * @param f what the nemesis did, e.g. {@code start-partition}, {@code kill}, {@code heal}
 * @param invokedNs when it was invoked, nanoseconds since the test started
 * @param completedNs when it completed, or -1 when the history ended first
 * @param request the invocation's value (the plan), or null
 * @param completion the completion's value ({@code {"applied": ..., "verified": bool, "note": "..."}}), or null
 */
record NemesisAction(
        String f,
        long invokedNs,
        long completedNs,
        @Nullable Object request,
        @Nullable Object completion) {

    /** What the nemesis says it applied, in EDN-like words, or an empty string. */
    String applied() {
        Object applied = field("applied");
        return applied == null ? "" : EdnWriter.write(applied);
    }

    /** True when the completion says the effect was verified. */
    boolean verified() {
        return Boolean.TRUE.equals(field("verified"));
    }

    /** True when the op completed with a verdict on its effect. */
    boolean hasVerification() {
        return field("verified") instanceof Boolean;
    }

    /** The nemesis's note on what it did, or an empty string. */
    String note() {
        Object note = field("note");
        return note == null ? "" : note.toString();
    }

    /** When its effect began (its completion), or its invocation when it never completed. */
    long effectiveNs() {
        return completedNs >= 0 ? completedNs : invokedNs;
    }

    private @Nullable Object field(String name) {
        return completion instanceof Map<?, ?> m ? m.get(name) : null;
    }
}
