package io.faultline.checkers.causal;

/**
 * The bad patterns of Bouajjani, Enea, Guerraoui and Hamza ("On Verifying Causal Consistency", POPL 2017): a
 * differentiated history is causally consistent (CC) iff it has none of the first four; causally convergent (CCv)
 * iff also no {@link #CYCLIC_CF}; causal memory (CM) iff also no {@link #WRITE_HB_INIT_READ} and no {@link
 * #CYCLIC_HB}. CO is the causal order (PO ∪ RF)+.
 */
public enum BadPattern {
    /** PO ∪ RF has a cycle: an operation causally depends on itself. */
    CYCLIC_CO("CyclicCO"),
    /** A read returns the initial value although a write to its key is CO-before it. */
    WRITE_CO_INIT_READ("WriteCOInitRead"),
    /** A read returns a value no write wrote. */
    THIN_AIR_READ("ThinAirRead"),
    /** A read returns w1's value although w1 CO w2 CO the read, w2 writing the same key: it missed w2. */
    WRITE_CO_READ("WriteCORead"),
    /**
     * CO ∪ CF has a cycle, where w1 CF w2 when both write one key and a read of w2's value has w1 CO-before it
     * (every replica must order w1 before w2).
     */
    CYCLIC_CF("CyclicCF"),
    /** In some operation's happened-before, a write to x precedes a read of x's initial value in its session. */
    WRITE_HB_INIT_READ("WriteHBInitRead"),
    /** Some operation's happened-before relation has a cycle. */
    CYCLIC_HB("CyclicHB");

    private final String label;

    BadPattern(String label) {
        this.label = label;
    }

    /** The paper's name: {@code CyclicCO}, {@code WriteCORead}, ... */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
