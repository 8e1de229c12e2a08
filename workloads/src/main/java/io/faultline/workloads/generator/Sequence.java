package io.faultline.workloads.generator;

import java.util.ArrayList;
import java.util.List;

/** Generators one after another; updates go to the current one. */
record Sequence(List<Generator> generators) implements Generator {

    static Generator of(List<Generator> generators) {
        return new Sequence(List.copyOf(generators));
    }

    @Override
    public Step next(Context ctx) {
        for (int i = 0; i < generators.size(); i++) {
            Step step = generators.get(i).next(ctx);
            switch (step) {
                case Step.Exhausted e -> {
                    // this one is done: try the next
                }
                case Step.Pending p -> {
                    return p;
                }
                case Step.Emit emit -> {
                    List<Generator> rest = new ArrayList<>(generators.size() - i);
                    rest.add(emit.next());
                    rest.addAll(generators.subList(i + 1, generators.size()));
                    return new Step.Emit(emit.op(), new Sequence(rest));
                }
            }
        }
        return Step.EXHAUSTED;
    }

    @Override
    public Generator update(Context ctx, Event event) {
        if (generators.isEmpty()) {
            return this;
        }
        List<Generator> updated = new ArrayList<>(generators);
        updated.set(0, generators.getFirst().update(ctx, event));
        return new Sequence(updated);
    }
}
