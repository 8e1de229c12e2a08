package io.faultline.harness.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.faultline.nemeses.FaultPackages;
import io.faultline.workloads.Workloads;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Simulation;
import io.faultline.workloads.generator.Worker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The same seed plans the same op values and the same fault schedule (Jepsen users ask for replayable runs). */
class ReproducibilityTest {

    private static List<Invocation> plan(String workload, String nemesis, long seed) {
        TestSpec spec = TestSpec.demo(Path.of("unused"), seed)
                .with(workload, nemesis, List.of())
                .withTiming(Duration.ofSeconds(60), Duration.ofSeconds(10), Duration.ofSeconds(5));
        var generator = TestRunner.generator(
                spec,
                Workloads.create(workload, new Workloads.WorkloadOptions(spec.keys(), 5)),
                FaultPackages.create(nemesis, List.of("n1", "n2", "n3", "n4", "n5"), spec.faultInterval()));
        return Simulation.plan(
                generator, spec.concurrency(), true, seed, Duration.ofMillis(3), 100_000, Duration.ofSeconds(90));
    }

    private static List<Invocation> faults(List<Invocation> plan) {
        return plan.stream()
                .filter(op -> op.worker() instanceof Worker.Nemesis && !op.f().startsWith(":"))
                .toList();
    }

    @Test
    void the_same_seed_plans_the_same_ops_and_faults() {
        List<Invocation> first = plan("multi-register", "partition", 11);
        List<Invocation> second = plan("multi-register", "partition", 11);

        assertThat(first).hasSizeGreaterThan(5000).isEqualTo(second);
        assertThat(faults(first))
                .extracting(Invocation::f)
                .startsWith("start-partition", "stop-partition", "start-partition");
    }

    @Test
    void another_seed_plans_other_values_and_another_fault_schedule() {
        List<Invocation> a = plan("register", "kill", 1);
        List<Invocation> b = plan("register", "kill", 2);

        assertThat(a).isNotEqualTo(b);
        assertThat(faults(a))
                .extracting(Invocation::value)
                .isNotEqualTo(faults(b).stream().map(Invocation::value).toList());
    }

    @Test
    void the_fault_schedule_does_not_depend_on_the_client_load() {
        List<Invocation> light = faults(plan("register", "partition", 5));
        List<Invocation> heavy = faults(plan("multi-register", "partition", 5));

        assertThat(light)
                .extracting(Invocation::f, Invocation::value)
                .isEqualTo(heavy.stream()
                        .map(op -> org.assertj.core.groups.Tuple.tuple(op.f(), op.value()))
                        .toList());
    }
}
