package io.faultline.workloads.generator;

import java.util.ArrayList;
import java.util.List;

/** Generators that choose among others: the soonest, a random one, or taking turns. */
final class Choice {

    private Choice() {}

    /** The soonest op among all generators; each gets every update. */
    record Any(List<Generator> generators) implements Generator {
        Any {
            generators = List.copyOf(generators);
        }

        @Override
        public Step next(Context ctx) {
            Step.Emit soonest = null;
            int index = -1;
            Step.Pending pending = null;
            List<Generator> alive = new ArrayList<>(generators.size());
            for (Generator g : generators) {
                Step step = g.next(ctx);
                switch (step) {
                    case Step.Exhausted e -> {
                        continue;
                    }
                    case Step.Emit emit -> {
                        if (soonest == null || emit.op().time() < soonest.op().time()) {
                            soonest = emit;
                            index = alive.size();
                        }
                    }
                    case Step.Pending p -> pending = pending == null ? p : pending.earliest(p);
                }
                alive.add(g);
            }
            if (soonest != null) {
                alive.set(index, soonest.next());
                return new Step.Emit(soonest.op(), new Any(alive));
            }
            return pending != null ? pending : Step.EXHAUSTED;
        }

        @Override
        public Generator update(Context ctx, Event event) {
            List<Generator> updated = new ArrayList<>(generators.size());
            for (Generator g : generators) {
                updated.add(g.update(ctx, event));
            }
            return new Any(updated);
        }
    }

    /** A random generator for each op; exhausted ones drop out. The choice is made once per op and kept. */
    record Mix(List<Generator> generators, int chosen) implements Generator {
        Mix(List<Generator> generators) {
            this(List.copyOf(generators), -1);
        }

        @Override
        public Step next(Context ctx) {
            List<Generator> alive = new ArrayList<>(generators);
            int index = chosen;
            while (!alive.isEmpty()) {
                if (index < 0 || index >= alive.size()) {
                    index = ctx.random().clients().nextInt(alive.size());
                }
                Step step = alive.get(index).next(ctx);
                if (step instanceof Step.Exhausted) {
                    alive.remove(index);
                    index = -1;
                    continue;
                }
                if (step instanceof Step.Emit emit) {
                    alive.set(index, emit.next());
                    return new Step.Emit(emit.op(), new Mix(List.copyOf(alive), -1));
                }
                return step;
            }
            return Step.EXHAUSTED;
        }

        @Override
        public Generator update(Context ctx, Event event) {
            List<Generator> updated = new ArrayList<>(generators.size());
            for (Generator g : generators) {
                updated.add(g.update(ctx, event));
            }
            return new Mix(updated, chosen);
        }
    }

    record FlipFlop(Generator a, Generator b, boolean aTurn) implements Generator {
        @Override
        public Step next(Context ctx) {
            Step step = (aTurn ? a : b).next(ctx);
            if (step instanceof Step.Emit emit) {
                return new Step.Emit(
                        emit.op(), aTurn ? new FlipFlop(emit.next(), b, false) : new FlipFlop(a, emit.next(), true));
            }
            return step;
        }

        @Override
        public Generator update(Context ctx, Event event) {
            return new FlipFlop(a.update(ctx, event), b.update(ctx, event), aTurn);
        }
    }
}
