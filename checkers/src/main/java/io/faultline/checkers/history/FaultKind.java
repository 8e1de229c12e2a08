package io.faultline.checkers.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The fault families of a history, and which nemesis functions start and end each: the one place that reads
 * Faultline's nemesis vocabulary ({@code start-partition..stop-partition}, {@code kill..start},
 * {@code pause..resume}, {@code bump} or {@code strobe..reset}, {@code start-link-fault..stop-link-fault},
 * {@code start-loss..stop-loss}, {@code start-netem..stop-netem}; {@code together} starts each of its parts; {@code heal} ends everything).
 */
public enum FaultKind {
    PARTITION("partition"),
    KILL("kill"),
    PAUSE("pause"),
    CLOCK("clock"),
    LINK_FAULT("link-fault"),
    LOSS("loss"),
    NETEM("netem");

    /** The nemesis function that ends every fault in force. */
    public static final String HEAL = "heal";
    /** The nemesis function whose value {@code [[f, value], ...]} applies several faults at once. */
    public static final String TOGETHER = "together";

    private static final Map<String, FaultKind> STARTS = Map.of(
            "start-partition", PARTITION,
            "kill", KILL,
            "pause", PAUSE,
            "bump", CLOCK,
            "strobe", CLOCK,
            "start-link-fault", LINK_FAULT,
            "start-loss", LOSS,
            "start-netem", NETEM);

    private static final Map<String, FaultKind> ENDS = Map.of(
            "stop-partition", PARTITION,
            "start", KILL,
            "resume", PAUSE,
            "reset", CLOCK,
            "stop-link-fault", LINK_FAULT,
            "stop-loss", LOSS,
            "stop-netem", NETEM);

    private final String label;

    FaultKind(String label) {
        this.label = label;
    }

    /** The name reports and metrics show, e.g. {@code link-fault}. */
    public String label() {
        return label;
    }

    /**
     * The families a nemesis op starts: one for most functions, each part's for {@code together} (given the op's
     * invocation value), none for functions that start nothing (such as {@code check-clocks}).
     */
    public static List<FaultKind> startedBy(String f, @Nullable Object invocationValue) {
        if (f.equals(TOGETHER)) {
            List<FaultKind> kinds = new ArrayList<>();
            if (invocationValue instanceof List<?> parts) {
                for (Object part : parts) {
                    if (part instanceof List<?> pair
                            && !pair.isEmpty()
                            && STARTS.get(String.valueOf(pair.get(0))) instanceof FaultKind kind
                            && !kinds.contains(kind)) {
                        kinds.add(kind);
                    }
                }
            }
            return kinds;
        }
        FaultKind kind = STARTS.get(f);
        return kind == null ? List.of() : List.of(kind);
    }

    /** The family a nemesis function ends, if any ({@link #HEAL} ends them all). */
    public static Optional<FaultKind> endedBy(String f) {
        return Optional.ofNullable(ENDS.get(f));
    }
}
