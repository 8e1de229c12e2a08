package io.faultline.nemeses;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Several nemeses as one: each op goes to the nemesis that owns its {@code f}; healing heals them all. */
public final class CompositeNemesis implements Nemesis {

    private final Map<String, Nemesis> byFunction;

    /** @param byFunction which nemesis applies each f */
    public CompositeNemesis(Map<String, Nemesis> byFunction) {
        if (byFunction.isEmpty()) {
            throw new IllegalArgumentException("a composite nemesis needs at least one function");
        }
        this.byFunction = new LinkedHashMap<>(byFunction);
    }

    @Override
    public Outcome invoke(String f, @Nullable Object value, NodeControl nodes) {
        Nemesis owner = byFunction.get(f);
        if (owner == null) {
            throw new IllegalArgumentException(
                    "this nemesis has " + String.join(", ", byFunction.keySet()) + ", not '" + f + "'");
        }
        return owner.invoke(f, value, nodes);
    }

    @Override
    public void heal(NodeControl nodes) {
        for (Nemesis nemesis : new LinkedHashSet<>(byFunction.values())) {
            nemesis.heal(nodes);
        }
    }
}
