package io.faultline.harness.plugins;

import io.faultline.checkers.Checker;
import io.faultline.checkers.StatsChecker;
import io.faultline.workloads.Workload;
import io.faultline.workloads.Workloads;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.OpSpec;
import java.util.Set;

/** A plugin workload for {@link PluginTest}: pings with increasing numbers. */
public final class PingWorkload implements Workload, Workloads.WorkloadProvider {

    @Override
    public String name() {
        return "pings";
    }

    @Override
    public String description() {
        return "pings, for the plugin test";
    }

    @Override
    public Workload create(Workloads.WorkloadOptions options) {
        return this;
    }

    @Override
    public Set<String> functions() {
        return Set.of("ping");
    }

    @Override
    public Generator generator() {
        return Gen.repeat((ctx, rng) -> OpSpec.of("ping", (long) rng.nextInt(1000)));
    }

    @Override
    public Checker checker() {
        return new StatsChecker();
    }
}
