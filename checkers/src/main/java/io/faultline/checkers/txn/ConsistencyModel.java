package io.faultline.checkers.txn;

import static io.faultline.checkers.txn.AnomalyType.*;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Transactional consistency models, how they relate (a history that satisfies a stronger model satisfies the weaker
 * ones it implies) and which anomalies each forbids, after Adya, Cerone et al., Bailis et al. and Daudjee & Salem as
 * Elle arranges them. Given the anomalies of a history, {@link #impossible} says which models it rules out and
 * {@link #weakest} the weakest of those (Elle's {@code :not}).
 */
public enum ConsistencyModel {
    READ_UNCOMMITTED(List.of(), List.of(G0, DUPLICATE_ELEMENTS)),
    READ_COMMITTED(List.of("read-uncommitted"), List.of(G1)),
    MONOTONIC_ATOMIC_VIEW(List.of("read-committed"), List.of()),
    CURSOR_STABILITY(List.of("read-committed"), List.of(G1, LOST_UPDATE)),
    READ_ATOMIC(List.of("monotonic-atomic-view"), List.of(INTERNAL, G1A)),
    CAUSAL(List.of("read-atomic"), List.of(INTERNAL, G1A)),
    REPEATABLE_READ(List.of("cursor-stability", "monotonic-atomic-view"), List.of(G1, G2_ITEM, LOST_UPDATE)),
    SNAPSHOT_ISOLATION(List.of("causal", "cursor-stability"), List.of(INTERNAL, G1, G_NONADJACENT)),
    SERIALIZABLE(List.of("repeatable-read", "snapshot-isolation"), List.of(INTERNAL, G1, G2)),
    STRONG_SESSION_READ_UNCOMMITTED(List.of("read-uncommitted"), List.of(G0_PROCESS)),
    STRONG_SESSION_READ_COMMITTED(List.of("read-committed", "strong-session-read-uncommitted"), List.of(G1C_PROCESS)),
    STRONG_READ_UNCOMMITTED(List.of("strong-session-read-uncommitted"), List.of(G0_REALTIME)),
    STRONG_READ_COMMITTED(List.of("strong-session-read-committed", "strong-read-uncommitted"), List.of(G1C_REALTIME)),
    STRONG_SESSION_SNAPSHOT_ISOLATION(
            List.of("snapshot-isolation", "strong-session-read-committed"),
            List.of(INTERNAL, G1_PROCESS, G_NONADJACENT_PROCESS)),
    STRONG_SNAPSHOT_ISOLATION(
            List.of("strong-session-snapshot-isolation", "strong-read-committed"),
            List.of(INTERNAL, G1_REALTIME, G_NONADJACENT_REALTIME)),
    STRONG_SESSION_SERIALIZABLE(
            List.of("serializable", "strong-session-snapshot-isolation"), List.of(G1_PROCESS, G2_PROCESS)),
    STRICT_SERIALIZABLE(
            List.of("serializable", "strong-snapshot-isolation", "strong-session-serializable"),
            List.of(G1, G1C_REALTIME, G2_REALTIME));

    private final List<String> implies;
    private final List<AnomalyType> forbids;

    ConsistencyModel(List<String> implies, List<AnomalyType> forbids) {
        this.implies = implies;
        this.forbids = forbids;
    }

    /** Kebab-case, as Elle writes it: {@code strict-serializable}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** By name, e.g. {@code snapshot-isolation}; {@code strong-serializable} is taken as strict serializable. */
    public static ConsistencyModel byLabel(String label) {
        String l = label.strip().replaceFirst("^:", "");
        if (l.equals("strong-serializable")) {
            return STRICT_SERIALIZABLE;
        }
        for (ConsistencyModel m : values()) {
            if (m.label().equals(l)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown consistency model '" + label + "': expected one of "
                + java.util.Arrays.stream(values()).map(ConsistencyModel::label).collect(Collectors.joining(", ")));
    }

    /** The weaker models this one implies, directly. */
    public List<ConsistencyModel> directlyImplies() {
        return implies.stream().map(ConsistencyModel::byLabel).toList();
    }

    /** This model and every model it implies. */
    public Set<ConsistencyModel> impliedModels() {
        Set<ConsistencyModel> seen = EnumSet.noneOf(ConsistencyModel.class);
        Deque<ConsistencyModel> todo = new ArrayDeque<>(List.of(this));
        while (!todo.isEmpty()) {
            ConsistencyModel m = todo.pop();
            if (seen.add(m)) {
                todo.addAll(m.directlyImplies());
            }
        }
        return seen;
    }

    /** Every model that the given anomalies rule out: those forbidding one of them, and every stronger model. */
    public static Set<ConsistencyModel> impossible(Collection<AnomalyType> anomalies) {
        Set<AnomalyType> all = AnomalyType.closure(anomalies);
        Set<ConsistencyModel> out = EnumSet.noneOf(ConsistencyModel.class);
        for (ConsistencyModel m : values()) {
            for (ConsistencyModel weaker : m.impliedModels()) {
                if (weaker.forbids.stream().anyMatch(all::contains)) {
                    out.add(m);
                }
            }
        }
        return out;
    }

    /** The models of {@code models} that imply none of the others: the weakest ones. */
    public static Set<ConsistencyModel> weakest(Set<ConsistencyModel> models) {
        Set<ConsistencyModel> out = EnumSet.noneOf(ConsistencyModel.class);
        for (ConsistencyModel m : models) {
            boolean impliesAnother = m.impliedModels().stream().anyMatch(w -> w != m && models.contains(w));
            if (!impliesAnother) {
                out.add(m);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return label();
    }
}
