package io.faultline.workloads.generator;

/**
 * A generator of operations with Jepsen's semantics. A generator is a value: {@link #next} must not change it
 * (it returns the generator that follows an emitted op), so the interpreter may ask the same generator again, for
 * instance after a completion arrived while it waited for an op's time. All randomness comes from
 * {@link Context#random()}, seeded by the test, so the same seed plans the same ops and the same faults.
 *
 * <p>Build generators with {@link Gen}.
 */
@FunctionalInterface
public interface Generator {

    /** The next op to invoke, or pending (ask again later), or exhausted. */
    Step next(Context ctx);

    /** The generator after an invocation or completion happened; most generators ignore events. */
    default Generator update(Context ctx, Event event) {
        return this;
    }
}
