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
 * Writes a linearizable multi-key register history for the scale benchmark (not a test): a simulated store applies
 * each operation at a random moment inside its window, 1% of operations end in {@code info} (they
 * took effect, the client never learned) and their process continues under a new number, as in Jepsen. Operations
 * still outstanding at the end stay pending.
 *
 * <p>Usage: {@code GenerateRegisterHistory OUT.jsonl OPS KEYS PROCESSES SEED}.
 */
public final class GenerateRegisterHistory {
    private record Pending(long process, String f, String key, Long value, boolean applied, Long read) {}

    private GenerateRegisterHistory() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        long ops = Long.parseLong(args[1]);
        int keys = Integer.parseInt(args[2]);
        int processes = Integer.parseInt(args[3]);
        SplittableRandom random = new SplittableRandom(Long.parseLong(args[4]));
        Map<String, Long> store = new HashMap<>();
        long[] processOf = new long[processes];
        for (int t = 0; t < processes; t++) {
            processOf[t] = t;
        }
        List<Pending> pending = new ArrayList<>();
        for (int t = 0; t < processes; t++) {
            pending.add(null);
        }
        long index = 0;
        try (BufferedWriter w = Files.newBufferedWriter(out);
                JsonLinesWriter journal = new JsonLinesWriter(w)) {
            while (index < ops) {
                int t = random.nextInt(processes);
                Pending p = pending.get(t);
                if (p == null) {
                    String key = "k" + random.nextInt(keys);
                    boolean write = random.nextInt(2) == 0;
                    Long value = write ? (long) random.nextInt(10) : null;
                    journal.write(op(index++, OpType.INVOKE, processOf[t], write ? "put" : "get", key, value));
                    pending.set(t, new Pending(processOf[t], write ? "put" : "get", key, value, false, null));
                } else if (!p.applied()) {
                    Long read = null;
                    if (p.f().equals("put")) {
                        store.put(p.key(), p.value());
                    } else {
                        read = store.get(p.key());
                    }
                    pending.set(t, new Pending(p.process(), p.f(), p.key(), p.value(), true, read));
                } else {
                    boolean info = random.nextInt(100) == 0;
                    if (info) {
                        journal.write(op(index++, OpType.INFO, p.process(), p.f(), p.key(), p.value()));
                        processOf[t] += processes;
                    } else {
                        Long value = p.f().equals("put") ? p.value() : p.read();
                        journal.write(op(index++, OpType.OK, p.process(), p.f(), p.key(), value));
                    }
                    pending.set(t, null);
                }
            }
        }
    }

    private static Op op(long index, OpType type, long process, String f, String key, Long value) {
        return new Op(index, -1, type, ProcessId.client(process), f, value, null, null, Map.of("key", key));
    }
}
