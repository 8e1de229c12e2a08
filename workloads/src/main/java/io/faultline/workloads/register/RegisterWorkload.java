package io.faultline.workloads.register;

import io.faultline.checkers.Checker;
import io.faultline.checkers.linear.LinearizabilityChecker;
import io.faultline.checkers.linear.LinearizableChecker;
import io.faultline.checkers.linear.model.PerKeyModel;
import io.faultline.checkers.linear.model.RegisterModel;
import io.faultline.checkers.sequential.SequentialChecker;
import io.faultline.workloads.Consistency;
import io.faultline.workloads.Workload;
import io.faultline.workloads.Workloads.WorkloadOptions;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.OpSpec;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Registers: {@code read} (value null; the completion carries what was read), {@code write v}, and with cas
 * {@code cas [from to]}, values drawn from {@code 0..values-1} so that reads and compares collide often. The
 * multi-key variant puts a {@code key} on every op and checks each key on its own.
 */
public record RegisterWorkload(String name, String description, boolean cas, int keys, int values) implements Workload {

    public static Workload single(WorkloadOptions options, boolean cas) {
        return new RegisterWorkload(
                cas ? "cas-register" : "register",
                cas ? "one register with reads, writes and compare-and-set" : "one register with reads and writes",
                cas,
                1,
                options.values());
    }

    public static Workload multi(WorkloadOptions options) {
        return new RegisterWorkload(
                "multi-register",
                "independent registers with reads, writes and compare-and-set",
                true,
                options.keys(),
                options.values());
    }

    @Override
    public Set<String> functions() {
        return cas ? Set.of("read", "write", "cas") : Set.of("read", "write");
    }

    @Override
    public Generator generator() {
        return Gen.repeat((ctx, rng) -> {
            OpSpec op = draw(rng);
            return keys > 1 ? op.withExtra("key", (long) rng.nextInt(keys)) : op;
        });
    }

    private OpSpec draw(SplittableRandom rng) {
        int choice = rng.nextInt(cas ? 3 : 2);
        return switch (choice) {
            case 0 -> OpSpec.of("read", null);
            case 1 -> OpSpec.of("write", (long) rng.nextInt(values));
            default -> OpSpec.of("cas", List.of((long) rng.nextInt(values), (long) rng.nextInt(values)));
        };
    }

    @Override
    public Checker checker() {
        RegisterModel model = new RegisterModel(cas, null);
        LinearizabilityChecker.Options options =
                LinearizabilityChecker.Options.defaults().withTimeout(Duration.ofSeconds(60));
        return keys > 1
                ? new LinearizableChecker(new PerKeyModel<>(model), options)
                : new LinearizableChecker(model, options);
    }

    /** Linearizability ({@link #checker()}) or sequential consistency, on the same register model. */
    @Override
    public Optional<Checker> checker(Consistency consistency) {
        return switch (consistency) {
            case LINEARIZABLE -> Optional.of(checker());
            case SEQUENTIAL -> {
                RegisterModel model = new RegisterModel(cas, null);
                SequentialChecker.Options options =
                        SequentialChecker.Options.defaults().withTimeout(Duration.ofSeconds(60));
                yield Optional.of(
                        keys > 1
                                ? new SequentialChecker(new PerKeyModel<>(model), options)
                                : new SequentialChecker(model, options));
            }
        };
    }
}
