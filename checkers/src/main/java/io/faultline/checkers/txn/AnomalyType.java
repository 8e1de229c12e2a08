package io.faultline.checkers.txn;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The anomalies of Adya's and Elle's vocabulary, with Elle's names, and which anomalies imply which (a G0 cycle is
 * also a G1c one; a process-order cycle is also a real-time one, since a process runs one transaction at a time).
 * Some of these ({@code G1}, {@code G2}, {@code G-nonadjacent}...) are never reported directly: they exist so that
 * {@link ConsistencyModel} can say which models forbid what.
 */
public enum AnomalyType {
    G0,
    G0_PROCESS,
    G0_REALTIME,
    G1A("G1a"),
    G1B("G1b"),
    G1C("G1c"),
    G1C_PROCESS("G1c-process"),
    G1C_REALTIME("G1c-realtime"),
    G1,
    G1_PROCESS,
    G1_REALTIME,
    G_SINGLE_ITEM,
    G_SINGLE_ITEM_PROCESS,
    G_SINGLE_ITEM_REALTIME,
    G_SINGLE,
    G_SINGLE_PROCESS,
    G_SINGLE_REALTIME,
    G_NONADJACENT_ITEM,
    G_NONADJACENT_ITEM_PROCESS,
    G_NONADJACENT_ITEM_REALTIME,
    G_NONADJACENT,
    G_NONADJACENT_PROCESS,
    G_NONADJACENT_REALTIME,
    G2_ITEM,
    G2_ITEM_PROCESS,
    G2_ITEM_REALTIME,
    G2,
    G2_PROCESS,
    G2_REALTIME,
    INTERNAL,
    DUPLICATE_ELEMENTS,
    INCOMPATIBLE_ORDER,
    DIRTY_UPDATE,
    LOST_UPDATE,
    /** Not an anomaly: the history has no dependency to judge by. Rules out nothing; makes a pass unknown. */
    EMPTY_TRANSACTION_GRAPH;

    private final String label;

    AnomalyType() {
        this.label = name().toLowerCase(Locale.ROOT).replace('_', '-').replaceFirst("^g", "G");
    }

    AnomalyType(String label) {
        this.label = label;
    }

    /** Elle's kebab-case name: {@code G0}, {@code G1c}, {@code G-single-item-realtime}, {@code internal}. */
    public String label() {
        return label;
    }

    /** By Elle's name. */
    public static AnomalyType byLabel(String label) {
        for (AnomalyType t : values()) {
            if (t.label.equals(label)) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown anomaly '" + label + "'");
    }

    /** The anomalies this one is a special case of, directly. */
    List<AnomalyType> directlyImplies() {
        return switch (this) {
            case G0 -> List.of(G1C, G0_PROCESS);
            case G0_PROCESS -> List.of(G1C_PROCESS, G0_REALTIME);
            case G0_REALTIME -> List.of(G1C_REALTIME);
            case G1A, G1B -> List.of(G1);
            case G1C -> List.of(G1, G1C_PROCESS);
            case G1C_PROCESS -> List.of(G1C_REALTIME, G1_PROCESS);
            case G1C_REALTIME -> List.of(G1_REALTIME);
            case G1 -> List.of(G1_PROCESS);
            case G1_PROCESS -> List.of(G1_REALTIME);
            case G_SINGLE_ITEM -> List.of(G_SINGLE, G_SINGLE_ITEM_PROCESS, G_NONADJACENT_ITEM);
            case G_SINGLE_ITEM_PROCESS -> List.of(G_SINGLE_PROCESS, G_SINGLE_ITEM_REALTIME, G_NONADJACENT_ITEM_PROCESS);
            case G_SINGLE_ITEM_REALTIME -> List.of(G_SINGLE_REALTIME, G_NONADJACENT_ITEM_REALTIME);
            // A cycle whose rw edges are never adjacent: G2-item, and what snapshot isolation forbids.
            case G_NONADJACENT_ITEM -> List.of(G_NONADJACENT, G2_ITEM, G_NONADJACENT_ITEM_PROCESS);
            case G_NONADJACENT_ITEM_PROCESS ->
                List.of(G_NONADJACENT_PROCESS, G2_ITEM_PROCESS, G_NONADJACENT_ITEM_REALTIME);
            case G_NONADJACENT_ITEM_REALTIME -> List.of(G_NONADJACENT_REALTIME, G2_ITEM_REALTIME);
            case G_SINGLE -> List.of(G_NONADJACENT, G_SINGLE_PROCESS);
            case G_SINGLE_PROCESS -> List.of(G_NONADJACENT_PROCESS, G_SINGLE_REALTIME);
            case G_SINGLE_REALTIME -> List.of(G_NONADJACENT_REALTIME);
            case G_NONADJACENT -> List.of(G2, G_NONADJACENT_PROCESS);
            case G_NONADJACENT_PROCESS -> List.of(G2_PROCESS, G_NONADJACENT_REALTIME);
            case G_NONADJACENT_REALTIME -> List.of(G2_REALTIME);
            case G2_ITEM -> List.of(G2, G2_ITEM_PROCESS);
            case G2_ITEM_PROCESS -> List.of(G2_PROCESS, G2_ITEM_REALTIME);
            case G2_ITEM_REALTIME -> List.of(G2_REALTIME);
            case G2 -> List.of(G2_PROCESS);
            case G2_PROCESS -> List.of(G2_REALTIME);
            // Two reads that cannot come from one timeline, or a committed append after an aborted one: a
            // committed transaction saw aborted state.
            case INCOMPATIBLE_ORDER, DIRTY_UPDATE -> List.of(G1A);
            // Two transactions read the same version of a key and both appended to it: a cycle on one key.
            case LOST_UPDATE -> List.of(G2_ITEM);
            default -> List.of();
        };
    }

    /** These anomalies and every anomaly they imply. */
    public static Set<AnomalyType> closure(Collection<AnomalyType> anomalies) {
        Set<AnomalyType> seen = EnumSet.noneOf(AnomalyType.class);
        Deque<AnomalyType> todo = new ArrayDeque<>(anomalies);
        while (!todo.isEmpty()) {
            AnomalyType a = todo.pop();
            if (seen.add(a)) {
                todo.addAll(a.directlyImplies());
            }
        }
        return seen;
    }

    @Override
    public String toString() {
        return label;
    }
}
