package io.faultline.workloads.generator;

/** Generators that make ops: one op, or an endless stream. */
final class Sources {

    private Sources() {}

    record Once(OpSpec spec) implements Generator {
        @Override
        public Step next(Context ctx) {
            Worker worker = ctx.someFreeWorker();
            if (worker == null) {
                return Step.WAIT_FOR_COMPLETION;
            }
            return new Step.Emit(new Invocation(worker, ctx.time(), spec.f(), spec.value(), spec.extra()), Gen.empty());
        }
    }

    record Repeat(Gen.OpSource source) implements Generator {
        @Override
        public Step next(Context ctx) {
            Worker worker = ctx.someFreeWorker();
            if (worker == null) {
                return Step.WAIT_FOR_COMPLETION;
            }
            OpSpec spec = source.apply(ctx, ctx.random().forWorker(worker));
            return new Step.Emit(new Invocation(worker, ctx.time(), spec.f(), spec.value(), spec.extra()), this);
        }
    }
}
