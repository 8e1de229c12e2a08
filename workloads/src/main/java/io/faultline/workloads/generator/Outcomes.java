package io.faultline.workloads.generator;

import io.faultline.checkers.history.OpType;
import java.util.HashSet;
import java.util.Set;

/** Generators that react to how ops ended. */
final class Outcomes {

    private Outcomes() {}

    /** Ops from {@code g} until one of the ops it emitted completes ok. */
    record UntilOk(Generator g, Set<Worker> outstanding, boolean done) implements Generator {
        UntilOk {
            outstanding = outstanding == null ? Set.of() : Set.copyOf(outstanding);
        }

        @Override
        public Step next(Context ctx) {
            if (done) {
                return Step.EXHAUSTED;
            }
            Step step = g.next(ctx);
            if (step instanceof Step.Emit emit) {
                Set<Worker> waiting = new HashSet<>(outstanding);
                waiting.add(emit.op().worker());
                return new Step.Emit(emit.op(), new UntilOk(emit.next(), waiting, false));
            }
            return step;
        }

        @Override
        public Generator update(Context ctx, Event event) {
            Generator inner = g.update(ctx, event);
            if (event.op().type() == OpType.INVOKE || !outstanding.contains(event.worker())) {
                return new UntilOk(inner, outstanding, done);
            }
            Set<Worker> waiting = new HashSet<>(outstanding);
            waiting.remove(event.worker());
            return new UntilOk(inner, waiting, done || event.op().type() == OpType.OK);
        }
    }
}
