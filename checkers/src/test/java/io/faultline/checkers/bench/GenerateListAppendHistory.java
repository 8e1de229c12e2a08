package io.faultline.checkers.bench;

import io.faultline.checkers.format.JsonLinesWriter;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes a strict-serializable list-append history for the benchmark (not a test), shaped like Elle's own
 * generator: transactions of 1-4 micro-ops, reads and appends over a small pool of active keys, each key retired
 * after {@code MAX_APPENDS} appends and replaced by a fresh one. A simulated store applies each transaction
 * atomically at a random moment inside its window; 1% end in {@code info} (applied, unacknowledged) and their
 * process continues under a new number.
 *
 * <p>Usage: {@code GenerateListAppendHistory OUT.jsonl TRANSACTIONS ACTIVE_KEYS PROCESSES SEED}.
 */
public final class GenerateListAppendHistory {
    private static final int MAX_APPENDS = 64;

    private record Pending(long process, List<List<Object>> txn, List<List<Object>> result) {}

    private GenerateListAppendHistory() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long transactions = Long.parseLong(args[1]);
        int activeKeys = Integer.parseInt(args[2]);
        int processes = Integer.parseInt(args[3]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[4]));
        Map<Long, List<Long>> store = new HashMap<>();
        long[] active = new long[activeKeys];
        long nextKey = 0;
        for (int i = 0; i < activeKeys; i++) {
            active[i] = nextKey++;
        }
        Map<Long, Long> appends = new HashMap<>();
        long nextValue = 1;
        long[] processOf = new long[processes];
        for (int t = 0; t < processes; t++) {
            processOf[t] = t;
        }
        List<Pending> pending = new ArrayList<>();
        for (int t = 0; t < processes; t++) {
            pending.add(null);
        }
        long index = 0;
        long started = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out);
                JsonLinesWriter journal = new JsonLinesWriter(w)) {
            while (started < transactions || pending.stream().anyMatch(p -> p != null)) {
                int t = random.nextInt(processes);
                Pending p = pending.get(t);
                if (p == null) {
                    if (started == transactions) {
                        continue;
                    }
                    started++;
                    List<List<Object>> txn = new ArrayList<>();
                    int n = 1 + random.nextInt(4);
                    for (int i = 0; i < n; i++) {
                        int slot = random.nextInt(activeKeys);
                        long key = active[slot];
                        if (random.nextBoolean()) {
                            txn.add(List.of("r", key, List.of()));
                        } else {
                            txn.add(List.of("append", key, nextValue++));
                            if (appends.merge(key, 1L, Long::sum) >= MAX_APPENDS) {
                                active[slot] = nextKey++;
                            }
                        }
                    }
                    journal.write(op(index++, OpType.INVOKE, processOf[t], withNilReads(txn)));
                    pending.set(t, new Pending(processOf[t], txn, null));
                } else if (p.result() == null) {
                    pending.set(t, new Pending(p.process(), p.txn(), apply(store, p.txn())));
                } else {
                    if (random.nextInt(100) == 0) {
                        journal.write(op(index++, OpType.INFO, p.process(), withNilReads(p.txn())));
                        processOf[t] += processes;
                    } else {
                        journal.write(op(index++, OpType.OK, p.process(), p.result()));
                    }
                    pending.set(t, null);
                }
            }
        }
    }

    private static List<List<Object>> apply(Map<Long, List<Long>> store, List<List<Object>> txn) {
        List<List<Object>> result = new ArrayList<>();
        for (List<Object> m : txn) {
            long key = (Long) m.get(1);
            List<Long> list = store.computeIfAbsent(key, k -> new ArrayList<>());
            if (m.get(0).equals("append")) {
                list.add((Long) m.get(2));
                result.add(m);
            } else {
                result.add(List.of("r", key, List.copyOf(list)));
            }
        }
        return result;
    }

    private static List<List<Object>> withNilReads(List<List<Object>> txn) {
        List<List<Object>> out = new ArrayList<>();
        for (List<Object> m : txn) {
            out.add(m.get(0).equals("r") ? java.util.Arrays.asList("r", m.get(1), null) : m);
        }
        return out;
    }

    private static Op op(long index, OpType type, long process, Object value) {
        return new Op(index, -1, type, ProcessId.client(process), "txn", value, null, null, Map.of());
    }
}
