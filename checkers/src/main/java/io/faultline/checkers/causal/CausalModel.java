package io.faultline.checkers.causal;

import java.util.EnumSet;
import java.util.Set;

/** The three causal models of Bouajjani et al., and the bad patterns each forbids. */
public enum CausalModel {
    /** CC: causal consistency (weak: replicas may disagree on the order of concurrent writes forever). */
    CAUSAL("causal", EnumSet.range(BadPattern.CYCLIC_CO, BadPattern.WRITE_CO_READ)),
    /** CCv: causal convergence, CC plus one total arbitration order of writes that every read respects. */
    CAUSAL_CONVERGENCE("causal-convergence", EnumSet.range(BadPattern.CYCLIC_CO, BadPattern.CYCLIC_CF)),
    /** CM: causal memory (Ahamad et al.), CC plus per-operation happened-before consistency. */
    CAUSAL_MEMORY(
            "causal-memory",
            EnumSet.of(
                    BadPattern.CYCLIC_CO,
                    BadPattern.WRITE_CO_INIT_READ,
                    BadPattern.THIN_AIR_READ,
                    BadPattern.WRITE_CO_READ,
                    BadPattern.WRITE_HB_INIT_READ,
                    BadPattern.CYCLIC_HB));

    private final String label;
    private final Set<BadPattern> forbids;

    CausalModel(String label, Set<BadPattern> forbids) {
        this.label = label;
        this.forbids = forbids;
    }

    /** {@code causal}, {@code causal-convergence}, {@code causal-memory}. */
    public String label() {
        return label;
    }

    /** The bad patterns whose presence rules this model out. */
    public Set<BadPattern> forbids() {
        return EnumSet.copyOf(forbids);
    }

    /** By label. */
    public static CausalModel byLabel(String label) {
        for (CausalModel m : values()) {
            if (m.label.equals(label)) {
                return m;
            }
        }
        throw new IllegalArgumentException(
                "unknown causal model '" + label + "': expected causal, causal-convergence or causal-memory");
    }

    @Override
    public String toString() {
        return label;
    }
}
