package io.faultline.workloads.set;

import io.faultline.checkers.Checker;
import io.faultline.checkers.SetChecker;
import io.faultline.workloads.Workload;
import io.faultline.workloads.generator.Context;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.OpSpec;
import io.faultline.workloads.generator.Step;
import io.faultline.workloads.generator.Worker;
import java.util.Map;
import java.util.Set;

/**
 * A grow-only set: clients {@code add} unique integers (0, 1, 2, ...), and after the faults every client
 * {@code read}s the whole set. Lost acknowledged adds are what it finds (Jepsen's set test).
 */
public record SetWorkload() implements Workload {

    @Override
    public String name() {
        return "set";
    }

    @Override
    public String description() {
        return "adds of unique integers, then a final read by every client; finds lost acknowledged adds";
    }

    @Override
    public Set<String> functions() {
        return Set.of("add", "read");
    }

    @Override
    public Generator generator() {
        return new Adds(0);
    }

    @Override
    public Generator finalGenerator() {
        return Gen.eachWorker(Gen.once(OpSpec.of("read", null)));
    }

    @Override
    public Checker checker() {
        return new SetChecker();
    }

    /** add 0, add 1, ...: the next element is part of the generator's value. */
    record Adds(long next) implements Generator {
        @Override
        public Step next(Context ctx) {
            Worker worker = ctx.someFreeWorker();
            if (worker == null) {
                return Step.WAIT_FOR_COMPLETION;
            }
            return new Step.Emit(new Invocation(worker, ctx.time(), "add", next, Map.of()), new Adds(next + 1));
        }
    }
}
