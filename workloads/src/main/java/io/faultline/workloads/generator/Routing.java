package io.faultline.workloads.generator;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Generators that decide which workers see which generator. */
final class Routing {

    private Routing() {}

    /** Which workers a restricted generator sees; the common cases avoid testing every worker. */
    sealed interface View extends Predicate<Worker> {
        Context apply(Context ctx);
    }

    record ClientsView() implements View {
        @Override
        public Context apply(Context ctx) {
            return ctx.clientsOnly();
        }

        @Override
        public boolean test(Worker w) {
            return w instanceof Worker.Client;
        }
    }

    record NemesisView() implements View {
        @Override
        public Context apply(Context ctx) {
            return ctx.nemesisOnly();
        }

        @Override
        public boolean test(Worker w) {
            return w instanceof Worker.Nemesis;
        }
    }

    record FilterView(Predicate<Worker> keep) implements View {
        @Override
        public Context apply(Context ctx) {
            return ctx.restrict(keep);
        }

        @Override
        public boolean test(Worker w) {
            return keep.test(w);
        }
    }

    static Generator restrict(View view, Generator g) {
        return new Restrict(view, g);
    }

    record Restrict(View view, Generator g) implements Generator {
        @Override
        public Step next(Context ctx) {
            Step step = g.next(view.apply(ctx));
            return step instanceof Step.Emit emit ? new Step.Emit(emit.op(), new Restrict(view, emit.next())) : step;
        }

        @Override
        public Generator update(Context ctx, Event event) {
            return view.test(event.worker()) ? new Restrict(view, g.update(view.apply(ctx), event)) : this;
        }
    }

    static Generator eachWorker(Generator g) {
        return new EachWorker(g, Map.of());
    }

    /** A copy of the generator per worker; the soonest op among the workers' copies wins. */
    record EachWorker(Generator original, Map<Worker, Generator> copies) implements Generator {
        @Override
        public Step next(Context ctx) {
            Step.Emit soonest = null;
            Worker soonestWorker = null;
            Step.Pending pending = null;
            for (Worker worker : ctx.workers()) {
                Generator copy = copies.getOrDefault(worker, original);
                Step step = copy.next(ctx.only(worker));
                switch (step) {
                    case Step.Emit emit -> {
                        if (soonest == null || emit.op().time() < soonest.op().time()) {
                            soonest = emit;
                            soonestWorker = worker;
                        }
                    }
                    case Step.Pending p -> pending = pending == null ? p : pending.earliest(p);
                    case Step.Exhausted e -> {}
                }
            }
            if (soonest != null) {
                Map<Worker, Generator> updated = new HashMap<>(copies);
                updated.put(soonestWorker, soonest.next());
                return new Step.Emit(soonest.op(), new EachWorker(original, updated));
            }
            return pending != null ? pending : Step.EXHAUSTED;
        }

        @Override
        public Generator update(Context ctx, Event event) {
            Generator copy = copies.getOrDefault(event.worker(), original);
            Map<Worker, Generator> updated = new HashMap<>(copies);
            updated.put(event.worker(), copy.update(ctx.only(event.worker()), event));
            return new EachWorker(original, updated);
        }
    }

    static Generator reserve(int[] counts, Generator[] generators, Generator rest) {
        if (counts.length != generators.length) {
            throw new IllegalArgumentException("reserve needs one count per generator, not " + counts.length
                    + " counts for " + generators.length + " generators");
        }
        List<Generator> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < counts.length; i++) {
            int lo = from;
            int hi = from + counts[i];
            parts.add(new Restrict(
                    new FilterView(w -> w instanceof Worker.Client c && c.index() >= lo && c.index() < hi),
                    generators[i]));
            from = hi;
        }
        int restFrom = from;
        parts.add(new Restrict(new FilterView(w -> !(w instanceof Worker.Client c) || c.index() >= restFrom), rest));
        return new Choice.Any(parts);
    }
}
