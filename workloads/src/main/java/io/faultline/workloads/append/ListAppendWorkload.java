package io.faultline.workloads.append;

import io.faultline.checkers.Checker;
import io.faultline.checkers.txn.ListAppendChecker;
import io.faultline.workloads.Workload;
import io.faultline.workloads.generator.Context;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Step;
import io.faultline.workloads.generator.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Elle's list-append workload: transactions ({@code f txn}) of one to four micro-ops over a few keys, each an
 * {@code [append k v]} of a value never appended before or an {@code [r k nil]} that the completion fills with the
 * list read. Checked key by key for linearizability until the transactional checker exists.
 */
public record ListAppendWorkload(int keys) implements Workload {

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public String description() {
        return "transactions of appends and reads over a few keys (Elle's list-append), checked for Elle's anomalies against strict serializability";
    }

    @Override
    public Set<String> functions() {
        return Set.of("txn");
    }

    @Override
    public Generator generator() {
        return new Txns(keys, 1);
    }

    @Override
    public Checker checker() {
        return new ListAppendChecker();
    }

    /** Transactions; appended values are 1, 2, 3, ... across all keys, so each is unique. */
    record Txns(int keys, long nextValue) implements Generator {
        @Override
        public Step next(Context ctx) {
            Worker worker = ctx.someFreeWorker();
            if (worker == null) {
                return Step.WAIT_FOR_COMPLETION;
            }
            SplittableRandom rng = ctx.random().forWorker(worker);
            int size = 1 + rng.nextInt(4);
            long value = nextValue;
            List<List<Object>> micros = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                long key = rng.nextInt(keys);
                if (rng.nextBoolean()) {
                    micros.add(java.util.Arrays.asList("append", key, value++));
                } else {
                    micros.add(java.util.Arrays.asList("r", key, null));
                }
            }
            return new Step.Emit(new Invocation(worker, ctx.time(), "txn", micros, Map.of()), new Txns(keys, value));
        }
    }
}
