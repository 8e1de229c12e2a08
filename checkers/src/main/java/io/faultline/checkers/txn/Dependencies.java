package io.faultline.checkers.txn;

import io.faultline.checkers.history.ProcessId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Infers the dependency graph of a list-append history: ww from consecutive elements of each key's version order,
 * wr from the last element of each read, rw from each read to the writer of the element that came next, process
 * order per process, and real-time order (reduced: an edge from each transaction to those invoked after it completed
 * and before anything that followed it completed). Failed transactions take no part.
 */
final class Dependencies {
    private Dependencies() {}

    static DependencyGraph infer(AppendIndex index) {
        List<Txn> txns = index.txns;
        DependencyGraph.Builder g = new DependencyGraph.Builder(txns.size());
        index.keys.forEach((key, k) -> {
            for (int i = 0; i + 1 < k.order.size(); i++) {
                Txn a = index.writer(key, k.order.get(i));
                Txn b = index.writer(key, k.order.get(i + 1));
                if (committed(a) && committed(b)) {
                    g.add(a.id(), b.id(), DependencyKind.WW);
                }
            }
        });
        for (Txn t : txns) {
            if (t.status() != Txn.Status.OK) {
                continue;
            }
            for (MicroOp.Read r : AppendIndex.externalReads(t)) {
                if (index.duplicateReads.contains(r)) {
                    continue;
                }
                Object last = r.value().isEmpty() ? null : r.value().getLast();
                if (last != null) {
                    Txn w = index.writer(r.key(), last);
                    if (committed(w)) {
                        g.add(w.id(), t.id(), DependencyKind.WR);
                    }
                }
                Object next = index.next(r.key(), last);
                Txn later = next == null ? null : index.writer(r.key(), next);
                if (committed(later)) {
                    g.add(t.id(), later.id(), DependencyKind.RW);
                }
            }
        }
        processOrder(txns, g);
        realtimeOrder(txns, g);
        return g.build();
    }

    private static boolean committed(Txn t) {
        return t != null && t.status() != Txn.Status.FAIL;
    }

    private static void processOrder(List<Txn> txns, DependencyGraph.Builder g) {
        Map<ProcessId, Txn> last = new HashMap<>();
        for (Txn t : txns) {
            if (t.status() == Txn.Status.FAIL) {
                continue;
            }
            Txn before = last.put(t.process(), t);
            if (before != null) {
                g.add(before.id(), t.id(), DependencyKind.PROCESS);
            }
        }
    }

    /**
     * Walks invocations and completions in history order, keeping the frontier: completed transactions not yet
     * followed by a completed successor. An invocation gets an edge from each; a completion retires the frontier
     * its own invocation saw (they reach it through this transaction) and joins it.
     */
    private static void realtimeOrder(List<Txn> txns, DependencyGraph.Builder g) {
        int n = txns.size();
        long[] events = new long[2 * n];
        int count = 0;
        for (Txn t : txns) {
            if (t.status() == Txn.Status.FAIL) {
                continue;
            }
            events[count++] = (t.call() * 2) << 28 | t.id();
            if (t.status() == Txn.Status.OK) {
                events[count++] = (t.ret() * 2 + 1) << 28 | t.id();
            }
        }
        Arrays.sort(events, 0, count);
        int[][] seenAtInvoke = new int[n][];
        int[] frontier = new int[16];
        int size = 0;
        boolean[] retired = new boolean[n];
        for (int i = 0; i < count; i++) {
            long e = events[i];
            int id = (int) (e & ((1 << 28) - 1));
            boolean completion = ((e >>> 28) & 1) == 1;
            if (!completion) {
                seenAtInvoke[id] = Arrays.copyOf(frontier, size);
                for (int j = 0; j < size; j++) {
                    g.add(frontier[j], id, DependencyKind.REALTIME);
                }
                continue;
            }
            for (int before : seenAtInvoke[id]) {
                retired[before] = true;
            }
            seenAtInvoke[id] = null;
            int kept = 0;
            for (int j = 0; j < size; j++) {
                if (!retired[frontier[j]]) {
                    frontier[kept++] = frontier[j];
                }
            }
            size = kept;
            if (size == frontier.length) {
                frontier = Arrays.copyOf(frontier, size * 2);
            }
            frontier[size++] = id;
        }
    }
}
