package io.faultline.checkers.causal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Program order, reads-from and the causal order CO = (PO ∪ RF)+ of a differentiated register history, CO as one
 * bitset of successors per operation. Built only when PO ∪ RF is acyclic; {@link #cycle} finds a cycle otherwise.
 */
final class CausalOrder {
    final RwHistory history;
    /** For each read, the id of the write it read from, or -1 (initial value, or a value nobody wrote). */
    final int[] readsFrom;
    /** Per key, the ids of its writes. */
    final Map<Object, List<Integer>> writesByKey = new HashMap<>();
    /** {@code after[a]} has bit b when a CO b; null until {@link #close} succeeds. */
    long[][] after;

    private CausalOrder(RwHistory history, int[] readsFrom) {
        this.history = history;
        this.readsFrom = readsFrom;
    }

    /**
     * @throws NotDifferentiatedException when some key has the same value written twice, or the initial value
     *     written: then a read does not say which write it saw
     */
    static CausalOrder of(RwHistory h) {
        Map<Object, Map<Object, Integer>> writer = new HashMap<>();
        CausalOrder co = new CausalOrder(h, new int[h.ops().size()]);
        for (RwOp op : h.ops()) {
            if (!op.write()) {
                continue;
            }
            if (op.value() == null) {
                throw new NotDifferentiatedException(op + " writes the initial value");
            }
            Integer before =
                    writer.computeIfAbsent(op.key(), k -> new HashMap<>()).putIfAbsent(op.value(), op.id());
            if (before != null) {
                throw new NotDifferentiatedException(
                        h.ops().get(before) + " and " + op + " write the same value to the same key");
            }
            co.writesByKey.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op.id());
        }
        for (RwOp op : h.ops()) {
            Integer w = op.write() || op.value() == null
                    ? null
                    : writer.getOrDefault(op.key(), Map.of()).get(op.value());
            co.readsFrom[op.id()] = w == null ? -1 : w;
        }
        return co;
    }

    /** Successors in PO ∪ RF: the next op of the session, and for a write, the reads that read from it. */
    List<List<Integer>> edges() {
        int n = history.ops().size();
        List<List<Integer>> succ = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            succ.add(new ArrayList<>(2));
        }
        for (int i = 0; i + 1 < n; i++) {
            if (history.ops().get(i).session() == history.ops().get(i + 1).session()) {
                succ.get(i).add(i + 1);
            }
        }
        for (int r = 0; r < n; r++) {
            if (readsFrom[r] >= 0) {
                succ.get(readsFrom[r]).add(r);
            }
        }
        return succ;
    }

    /** Computes CO; false (and CO stays null) when PO ∪ RF has a cycle. */
    boolean close() {
        List<List<Integer>> succ = edges();
        int[] order = Graphs.topologicalOrder(succ);
        if (order == null) {
            return false;
        }
        int n = succ.size();
        int words = (n + 63) / 64;
        long[][] reach = new long[n][];
        for (int i = n - 1; i >= 0; i--) {
            int v = order[i];
            long[] bits = new long[words];
            for (int w : succ.get(v)) {
                bits[w >>> 6] |= 1L << w;
                long[] r = reach[w];
                for (int k = 0; k < words; k++) {
                    bits[k] |= r[k];
                }
            }
            reach[v] = bits;
        }
        after = reach;
        return true;
    }

    /** a CO b (strictly). */
    boolean before(int a, int b) {
        return (after[a][b >>> 6] & (1L << b)) != 0;
    }

    /** A cycle of PO ∪ RF, as op ids in order, or an empty list. */
    List<Integer> cycle() {
        return Graphs.cycle(edges());
    }

    RwOp op(int id) {
        return history.ops().get(id);
    }

    /** The write a read read from, or null. */
    RwOp source(RwOp read) {
        int w = readsFrom[read.id()];
        return w < 0 ? null : op(w);
    }

    /** Ids of the writes to {@code key}. */
    List<Integer> writes(Object key) {
        return writesByKey.getOrDefault(Objects.requireNonNull(key), List.of());
    }

    @Override
    public String toString() {
        return "CO over " + history.ops().size() + " ops, reads-from " + Arrays.toString(readsFrom);
    }
}
