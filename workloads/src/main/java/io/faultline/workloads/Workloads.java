package io.faultline.workloads;

import io.faultline.workloads.append.ListAppendWorkload;
import io.faultline.workloads.bank.BankWorkload;
import io.faultline.workloads.counter.CounterWorkload;
import io.faultline.workloads.register.RegisterWorkload;
import io.faultline.workloads.set.SetWorkload;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Function;

/**
 * The workloads by name: the built-in ones and any a jar on the classpath adds through {@link WorkloadProvider}
 * (ServiceLoader).
 */
public final class Workloads {

    private Workloads() {}

    /** Makes workloads of one name from options. */
    public interface WorkloadProvider {
        String name();

        String description();

        Workload create(WorkloadOptions options);
    }

    /** Options every workload understands; each uses those that apply. */
    public record WorkloadOptions(int keys, int values) {
        public WorkloadOptions {
            if (keys < 1) {
                throw new IllegalArgumentException("--keys must be at least 1, not " + keys);
            }
            if (values < 1) {
                throw new IllegalArgumentException("--values must be at least 1, not " + values);
            }
        }

        public static WorkloadOptions defaults() {
            return new WorkloadOptions(8, 5);
        }
    }

    private record Builtin(String name, String description, Function<WorkloadOptions, Workload> factory)
            implements WorkloadProvider {
        @Override
        public Workload create(WorkloadOptions options) {
            return factory.apply(options);
        }
    }

    public static Map<String, WorkloadProvider> all() {
        Map<String, WorkloadProvider> byName = new LinkedHashMap<>();
        for (WorkloadProvider p : builtins()) {
            byName.put(p.name(), p);
        }
        for (WorkloadProvider p : ServiceLoader.load(WorkloadProvider.class)) {
            byName.put(p.name(), p);
        }
        return byName;
    }

    public static Workload create(String name, WorkloadOptions options) {
        WorkloadProvider provider = all().get(name);
        if (provider == null) {
            throw new IllegalArgumentException(
                    "unknown workload '" + name + "': expected one of " + String.join(", ", all().keySet()));
        }
        return provider.create(options);
    }

    private static List<WorkloadProvider> builtins() {
        List<WorkloadProvider> list = new ArrayList<>();
        list.add(new Builtin(
                "register",
                "one register: reads and writes of small values, checked for linearizability",
                o -> RegisterWorkload.single(o, false)));
        list.add(new Builtin(
                "cas-register",
                "one register with compare-and-set, checked for linearizability",
                o -> RegisterWorkload.single(o, true)));
        list.add(new Builtin(
                "multi-register",
                "many independent registers with compare-and-set, each key checked for linearizability",
                RegisterWorkload::multi));
        list.add(new Builtin(
                "set",
                "adds of unique integers and a final read; finds lost acknowledged adds",
                o -> new SetWorkload()));
        list.add(new Builtin(
                "counter",
                "adds and reads of a grow-only counter; every read must stay within bounds",
                o -> new CounterWorkload()));
        list.add(new Builtin(
                "list-append",
                "transactions of appends and reads over a few keys (Elle's list-append), checked for G0, G1, G-single, G2 and more against strict serializability",
                o -> new ListAppendWorkload(o.keys())));
        list.add(new Builtin(
                "bank",
                "transfers between --keys accounts (8 by default) and reads of every balance; the total must never change",
                o -> BankWorkload.withAccounts(o.keys())));
        return list;
    }
}
