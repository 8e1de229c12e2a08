package io.faultline.workloads.generator;

/** What a generator answers when asked for its next op. */
public sealed interface Step permits Step.Emit, Step.Pending, Step.Exhausted {

    Exhausted EXHAUSTED = new Exhausted();
    Pending WAIT_FOR_COMPLETION = new Pending(Long.MAX_VALUE);

    /** An op to invoke, and the generator that follows once it is invoked. */
    record Emit(Invocation op, Generator next) implements Step {}

    /**
     * Nothing now: ask again after the next completion, or at logical time {@code wakeAt} (ns), whichever comes
     * first. {@code Long.MAX_VALUE} means only after a completion.
     */
    record Pending(long wakeAt) implements Step {
        public static Pending until(long time) {
            return new Pending(time);
        }

        public Pending earliest(Pending other) {
            return wakeAt <= other.wakeAt ? this : other;
        }
    }

    /** This generator will never emit again. */
    record Exhausted() implements Step {}
}
