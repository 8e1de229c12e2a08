package io.faultline.checkers.history;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which nemesis functions start and end which fault family, by label: the built-in families of {@link FaultKind}
 * and those a run's plugin nemeses declare ({@link FaultWindowKind}). Reports shade windows and compute
 * availability through it, so a plugin's faults are drawn like the built-in ones.
 */
public final class FaultVocabulary {

    private static final FaultVocabulary BUILT_IN = new FaultVocabulary(List.of());

    private final List<FaultWindowKind> declared;

    private FaultVocabulary(List<FaultWindowKind> declared) {
        this.declared = List.copyOf(declared);
    }

    /** Only the built-in families. */
    public static FaultVocabulary builtIn() {
        return BUILT_IN;
    }

    /** The built-in families plus {@code declared}; a declaration reusing a built-in function is refused. */
    public static FaultVocabulary with(List<FaultWindowKind> declared) {
        for (FaultWindowKind kind : declared) {
            for (String f : List.of(kind.startF(), kind.stopF())) {
                if (!FaultKind.startedBy(f, null).isEmpty()
                        || FaultKind.endedBy(f).isPresent()) {
                    throw new IllegalArgumentException("fault window " + kind.label() + ": '" + f
                            + "' is a built-in nemesis function already (" + describe(f) + ")");
                }
            }
        }
        return declared.isEmpty() ? BUILT_IN : new FaultVocabulary(declared);
    }

    /** The declared families (not the built-in ones). */
    public List<FaultWindowKind> declared() {
        return declared;
    }

    /** Every family's label: the built-in ones in {@link FaultKind}'s order, then the declared ones. */
    public Set<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        for (FaultKind kind : FaultKind.values()) {
            labels.add(kind.label());
        }
        declared.forEach(kind -> labels.add(kind.label()));
        return labels;
    }

    /** The labels of the families a nemesis op starts ({@link FaultKind#startedBy}, then declared starts). */
    public List<String> startedBy(String f, @Nullable Object invocationValue) {
        List<String> labels = new ArrayList<>();
        FaultKind.startedBy(f, invocationValue).forEach(kind -> labels.add(kind.label()));
        for (FaultWindowKind kind : declared) {
            if (kind.startF().equals(f) && !labels.contains(kind.label())) {
                labels.add(kind.label());
            }
        }
        return labels;
    }

    /** The label of the family a nemesis op ends, if any ({@link FaultKind#HEAL} ends them all). */
    public Optional<String> endedBy(String f) {
        Optional<String> builtIn = FaultKind.endedBy(f).map(FaultKind::label);
        if (builtIn.isPresent()) {
            return builtIn;
        }
        return declared.stream()
                .filter(kind -> kind.stopF().equals(f))
                .map(FaultWindowKind::label)
                .findFirst();
    }

    private static String describe(String f) {
        return FaultKind.endedBy(f).isPresent()
                ? "it ends " + FaultKind.endedBy(f).get().label()
                : "it starts " + FaultKind.startedBy(f, null).getFirst().label();
    }
}
