package io.faultline.workloads.counter;

import io.faultline.checkers.Checker;
import io.faultline.checkers.CounterChecker;
import io.faultline.workloads.Workload;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.OpSpec;
import java.util.Set;

/** A grow-only counter: {@code add} of 1 to 5, and {@code read}s, about one read per four adds. */
public record CounterWorkload() implements Workload {

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public String description() {
        return "adds of small positive deltas and reads; each read must lie between what was acknowledged and attempted";
    }

    @Override
    public Set<String> functions() {
        return Set.of("add", "read");
    }

    @Override
    public Generator generator() {
        return Gen.repeat((ctx, rng) ->
                rng.nextInt(5) == 0 ? OpSpec.of("read", null) : OpSpec.of("add", (long) (1 + rng.nextInt(5))));
    }

    @Override
    public Generator finalGenerator() {
        return Gen.eachWorker(Gen.once(OpSpec.of("read", null)));
    }

    @Override
    public Checker checker() {
        return new CounterChecker();
    }
}
