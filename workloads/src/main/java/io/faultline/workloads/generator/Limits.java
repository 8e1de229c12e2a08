package io.faultline.workloads.generator;

/** Generators that end others: after n ops, after a duration; and the one that starts them again. */
final class Limits {

    private Limits() {}

    static Generator limit(long remaining, Generator g) {
        return new Limit(remaining, g);
    }

    static Generator timeLimit(long nanos, Generator g) {
        return new TimeLimit(nanos, Long.MIN_VALUE, g);
    }

    record Limit(long remaining, Generator g) implements Generator {
        @Override
        public Step next(Context ctx) {
            if (remaining <= 0) {
                return Step.EXHAUSTED;
            }
            Step step = g.next(ctx);
            return step instanceof Step.Emit emit
                    ? new Step.Emit(emit.op(), new Limit(remaining - 1, emit.next()))
                    : step;
        }

        @Override
        public Generator update(Context ctx, Event event) {
            return new Limit(remaining, g.update(ctx, event));
        }
    }

    /** The cutoff is fixed by the first op emitted (Jepsen: counts from the first op). */
    record TimeLimit(long nanos, long cutoff, Generator g) implements Generator {
        @Override
        public Step next(Context ctx) {
            long end = cutoff == Long.MIN_VALUE ? ctx.time() + nanos : cutoff;
            if (ctx.time() >= end) {
                return Step.EXHAUSTED;
            }
            return switch (g.next(ctx)) {
                case Step.Emit emit when emit.op().time() >= end -> Step.EXHAUSTED;
                case Step.Emit emit -> new Step.Emit(emit.op(), new TimeLimit(nanos, end, emit.next()));
                case Step.Pending pending -> pending.earliest(Step.Pending.until(end));
                case Step.Exhausted exhausted -> exhausted;
            };
        }

        @Override
        public Generator update(Context ctx, Event event) {
            return new TimeLimit(nanos, cutoff, g.update(ctx, event));
        }
    }

    record Cycle(Generator original, Generator current, long times) implements Generator {
        @Override
        public Step next(Context ctx) {
            Step step = current.next(ctx);
            if (step instanceof Step.Exhausted) {
                if (times <= 1) {
                    return step;
                }
                Step fresh = original.next(ctx);
                if (fresh instanceof Step.Emit emit) {
                    return new Step.Emit(emit.op(), new Cycle(original, emit.next(), times - 1));
                }
                return fresh;
            }
            return step instanceof Step.Emit emit
                    ? new Step.Emit(emit.op(), new Cycle(original, emit.next(), times))
                    : step;
        }

        @Override
        public Generator update(Context ctx, Event event) {
            return new Cycle(original, current.update(ctx, event), times);
        }
    }
}
