package io.faultline.nemeses;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Several nemeses as one: each op goes to the nemesis that owns its {@code f}; healing heals them all. The op
 * {@value #TOGETHER} with a value {@code [[f1, value1], [f2, value2], ...]} applies several faults at the same
 * moment, each on its own thread, and is verified when every part is (a fault that needs two conditions at once,
 * such as a skewed clock on a node that is also cut off, cannot wait for one to be verified before the other).
 */
public final class CompositeNemesis implements Nemesis {

    private final Map<String, Nemesis> byFunction;

    /** @param byFunction which nemesis applies each f */
    public CompositeNemesis(Map<String, Nemesis> byFunction) {
        if (byFunction.isEmpty()) {
            throw new IllegalArgumentException("a composite nemesis needs at least one function");
        }
        this.byFunction = new LinkedHashMap<>(byFunction);
    }

    /** The f that applies several faults at once. */
    public static final String TOGETHER = "together";

    @Override
    public Outcome invoke(String f, @Nullable Object value, NodeControl nodes) {
        if (f.equals(TOGETHER)) {
            return together(value, nodes);
        }
        Nemesis owner = byFunction.get(f);
        if (owner == null) {
            throw new IllegalArgumentException(
                    "this nemesis has " + String.join(", ", byFunction.keySet()) + ", not '" + f + "'");
        }
        return owner.invoke(f, value, nodes);
    }

    private Outcome together(@Nullable Object value, NodeControl nodes) {
        if (!(value instanceof List<?> parts) || parts.isEmpty()) {
            throw new IllegalArgumentException(TOGETHER + " needs [[f, value], ...], not " + value);
        }
        List<String> indexes = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            if (!(parts.get(i) instanceof List<?> pair) || pair.size() != 2) {
                throw new IllegalArgumentException("each part of " + TOGETHER + " is [f, value], not " + parts.get(i));
            }
            indexes.add(Integer.toString(i));
        }
        List<Outcome> outcomes = PartitionNemesis.parallel(indexes, i -> {
            List<?> pair = (List<?>) parts.get(Integer.parseInt(i));
            return invoke(String.valueOf(pair.get(0)), pair.get(1), nodes);
        });
        List<Object> applied = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        boolean verified = true;
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            String f = String.valueOf(((List<?>) parts.get(i)).get(0));
            applied.add(java.util.Arrays.asList(f, o.applied()));
            notes.add(f + ": " + o.note());
            verified &= o.verified();
        }
        return new Outcome(applied, verified, String.join("; ", notes));
    }

    @Override
    public void heal(NodeControl nodes) {
        for (Nemesis nemesis : new LinkedHashSet<>(byFunction.values())) {
            nemesis.heal(nodes);
        }
    }
}
