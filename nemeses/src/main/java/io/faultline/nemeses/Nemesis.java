package io.faultline.nemeses;

import org.jspecify.annotations.Nullable;

/**
 * Applies faults. Each op is one fault or its end ({@code start-partition}, {@code kill}, ...); the outcome says
 * what was applied and whether it was verified to have taken effect, and is recorded on the nemesis completion.
 */
public interface Nemesis {

    /** Applies the fault named by {@code f}; throws {@link IllegalArgumentException} for an f it does not know. */
    Outcome invoke(String f, @Nullable Object value, NodeControl nodes);

    /** Ends every fault this nemesis may have left in place (heal, restart, resume); called once at the end. */
    void heal(NodeControl nodes);

    /**
     * What a fault op did.
     *
     * @param applied what was applied, as plain data (e.g. the grudge)
     * @param verified whether its effect was observed (a cut link refusing traffic, a killed node gone)
     * @param note how it was verified, or why not
     */
    record Outcome(@Nullable Object applied, boolean verified, String note) {}

    /** A nemesis that does nothing (for tests of the harness and fault-free runs). */
    Nemesis NONE = new Nemesis() {
        @Override
        public Outcome invoke(String f, @Nullable Object value, NodeControl nodes) {
            throw new IllegalArgumentException("the no-op nemesis has no fault '" + f + "'");
        }

        @Override
        public void heal(NodeControl nodes) {}
    };
}
