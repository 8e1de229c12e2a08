package io.faultline.harness.db;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.Db;
import io.faultline.api.NodeSetup;
import io.faultline.workloads.Workload;
import io.faultline.workloads.bank.BankWorkload;
import io.faultline.workloads.generator.Invocation;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Registers in this JVM's memory, linearizable by construction: a fake for tests of the harness itself and for
 * measuring the interpreter without a network.
 */
public final class InMemoryDb implements Db {

    private final Map<String, Object> registers = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "in-memory";
    }

    @Override
    public NodeSetup nodes() {
        return NodeSetup.none();
    }

    @Override
    public Client openClient(ClusterView cluster, int worker, Workload workload) {
        if (workload instanceof BankWorkload bank) {
            return op -> applyBank(bank, op);
        }
        return switch (workload.name()) {
            case "set" -> this::applySet;
            case "counter" -> this::applyCounter;
            case "list-append" -> this::applyTxn;
            default -> this::apply;
        };
    }

    private final java.util.Set<Object> set = ConcurrentHashMap.newKeySet();

    private final java.util.concurrent.atomic.AtomicLong counter = new java.util.concurrent.atomic.AtomicLong();

    private Completion applyCounter(Invocation op) {
        return switch (op.f()) {
            case "add" -> {
                counter.addAndGet((Long) op.value());
                yield Completion.ok(op.value());
            }
            case "read" -> Completion.ok(counter.get());
            default -> throw new IllegalArgumentException("the in-memory counter has no op '" + op.f() + "'");
        };
    }

    private final Map<Object, List<Object>> lists = new java.util.HashMap<>();

    private synchronized Completion applyTxn(Invocation op) {
        List<Object> result = new java.util.ArrayList<>();
        for (Object m : (List<?>) op.value()) {
            List<?> micro = (List<?>) m;
            List<Object> list = lists.computeIfAbsent(micro.get(1), k -> new java.util.ArrayList<>());
            if (micro.get(0).equals("append")) {
                list.add(micro.get(2));
                result.add(micro);
            } else {
                result.add(java.util.Arrays.asList("r", micro.get(1), List.copyOf(list)));
            }
        }
        return Completion.ok(result);
    }

    private final Map<Long, Long> balances = new java.util.HashMap<>();

    /** Transfers and reads of every balance, under one lock: atomic, so every read adds up. */
    private synchronized Completion applyBank(BankWorkload bank, Invocation op) {
        return switch (op.f()) {
            case "read" -> {
                Map<Long, Object> all = new java.util.LinkedHashMap<>();
                bank.accountIds().forEach(a -> all.put(a, balances.getOrDefault(a, bank.initialBalance())));
                yield Completion.ok(all);
            }
            case "transfer" -> {
                Map<?, ?> t = (Map<?, ?>) op.value();
                long from = ((Number) t.get("from")).longValue();
                long to = ((Number) t.get("to")).longValue();
                long amount = ((Number) t.get("amount")).longValue();
                long fromBalance = balances.getOrDefault(from, bank.initialBalance());
                if (fromBalance < amount) {
                    yield Completion.fail("insufficient funds");
                }
                balances.put(from, fromBalance - amount);
                balances.put(to, balances.getOrDefault(to, bank.initialBalance()) + amount);
                yield Completion.ok(op.value());
            }
            default -> throw new IllegalArgumentException("the in-memory bank has no op '" + op.f() + "'");
        };
    }

    private Completion applySet(Invocation op) {
        return switch (op.f()) {
            case "add" -> {
                set.add(op.value());
                yield Completion.ok(op.value());
            }
            case "read" -> Completion.ok(List.copyOf(set));
            default -> throw new IllegalArgumentException("the in-memory set has no op '" + op.f() + "'");
        };
    }

    private Completion apply(Invocation op) {
        String key = String.valueOf(op.extra().getOrDefault("key", "r"));
        return switch (op.f()) {
            case "read" -> Completion.ok(registers.get(key));
            case "write" -> {
                registers.put(key, op.value());
                yield Completion.ok(op.value());
            }
            case "cas" -> {
                List<?> pair = (List<?>) op.value();
                boolean[] swapped = {false};
                registers.compute(key, (k, current) -> {
                    if (Objects.equals(current, pair.get(0))) {
                        swapped[0] = true;
                        return pair.get(1);
                    }
                    return current;
                });
                yield swapped[0] ? Completion.ok(op.value()) : Completion.fail("cas-mismatch");
            }
            default -> throw new IllegalArgumentException("the in-memory db has no op '" + op.f() + "'");
        };
    }
}
