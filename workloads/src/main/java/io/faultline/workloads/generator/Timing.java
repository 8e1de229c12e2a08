package io.faultline.workloads.generator;

import java.util.ArrayList;
import java.util.List;

/** Generators about time: gaps between ops, sleeping, waiting for every worker, time slices. */
final class Timing {

    /** The function of a sleep op: the interpreter keeps its worker busy for {@code value} ns and records nothing. */
    static final String SLEEP = Gen.SLEEP;

    private Timing() {}

    /** Ops no closer than a gap: fixed ({@code delay}) or uniform in [0, 2 dt] ({@code stagger}). */
    record Spaced(long dt, boolean random, long nextTime, Generator g) implements Generator {
        @Override
        public Step next(Context ctx) {
            Step step = g.next(ctx);
            if (!(step instanceof Step.Emit emit)) {
                return step;
            }
            long at = Math.max(emit.op().time(), nextTime == Long.MIN_VALUE ? ctx.time() : nextTime);
            long gap = random ? ctx.random().forWorker(emit.op().worker()).nextLong(2 * dt + 1) : dt;
            return new Step.Emit(emit.op().withTime(at), new Spaced(dt, random, at + gap, emit.next()));
        }

        @Override
        public Generator update(Context ctx, Event event) {
            return new Spaced(dt, random, nextTime, g.update(ctx, event));
        }
    }

    /** A sleep op for some free worker; the interpreter keeps that worker busy for the duration. */
    record Sleep(long nanos, long unused) implements Generator {
        @Override
        public Step next(Context ctx) {
            Worker worker = ctx.someFreeWorker();
            if (worker == null) {
                return Step.WAIT_FOR_COMPLETION;
            }
            return new Step.Emit(new Invocation(worker, ctx.time(), SLEEP, nanos, java.util.Map.of()), Gen.empty());
        }
    }

    record Synchronize(Generator g) implements Generator {
        @Override
        public Step next(Context ctx) {
            return ctx.allFree() ? g.next(ctx) : Step.WAIT_FOR_COMPLETION;
        }

        @Override
        public Generator update(Context ctx, Event event) {
            return new Synchronize(g.update(ctx, event));
        }
    }

    static Generator cycleTimes(List<java.time.Duration> durations, List<Generator> generators) {
        if (durations.size() != generators.size() || durations.isEmpty()) {
            throw new IllegalArgumentException(
                    "cycle-times needs one duration per generator and at least one of each, not " + durations.size()
                            + " durations for " + generators.size() + " generators");
        }
        long[] nanos = durations.stream().mapToLong(java.time.Duration::toNanos).toArray();
        for (long n : nanos) {
            if (n <= 0) {
                throw new IllegalArgumentException("cycle-times durations must be positive");
            }
        }
        return new CycleTimes(nanos, List.copyOf(generators), Long.MIN_VALUE);
    }

    /** Each generator owns its slice of a repeating period; an op is only emitted inside its generator's slice. */
    record CycleTimes(long[] nanos, List<Generator> generators, long start) implements Generator {
        @Override
        public Step next(Context ctx) {
            long origin = start == Long.MIN_VALUE ? ctx.time() : start;
            long period = 0;
            for (long n : nanos) {
                period += n;
            }
            long elapsed = ctx.time() - origin;
            long inPeriod = Math.floorMod(elapsed, period);
            long sliceStart = ctx.time() - inPeriod;
            int slot = 0;
            while (inPeriod >= nanos[slot]) {
                inPeriod -= nanos[slot];
                sliceStart += nanos[slot];
                slot++;
            }
            long sliceEnd = sliceStart + nanos[slot];
            return switch (generators.get(slot).next(ctx)) {
                case Step.Emit emit
                when emit.op().time() < sliceEnd -> {
                    List<Generator> updated = new ArrayList<>(generators);
                    updated.set(slot, emit.next());
                    yield new Step.Emit(emit.op(), new CycleTimes(nanos, updated, origin));
                }
                case Step.Pending pending -> pending.earliest(Step.Pending.until(sliceEnd));
                default -> Step.Pending.until(sliceEnd);
            };
        }

        @Override
        public Generator update(Context ctx, Event event) {
            List<Generator> updated = new ArrayList<>(generators.size());
            for (Generator g : generators) {
                updated.add(g.update(ctx, event));
            }
            return new CycleTimes(nanos, updated, start);
        }
    }
}
