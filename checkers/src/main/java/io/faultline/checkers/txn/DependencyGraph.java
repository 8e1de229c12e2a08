package io.faultline.checkers.txn;

import java.util.Arrays;

/**
 * Transactions as nodes, dependencies as edges, in compressed sparse rows: the targets of node {@code a} are
 * {@code targets[offsets[a] .. offsets[a+1])}, sorted, each with a mask of {@link DependencyKind} bits (two
 * transactions may be related in several ways at once).
 */
final class DependencyGraph {
    final int nodes;
    final int[] offsets;
    final int[] targets;
    final byte[] masks;

    private DependencyGraph(int nodes, int[] offsets, int[] targets, byte[] masks) {
        this.nodes = nodes;
        this.offsets = offsets;
        this.targets = targets;
        this.masks = masks;
    }

    /** How many related pairs. */
    int edges() {
        return targets.length;
    }

    /** The kinds relating {@code from} to {@code to}, as a mask; 0 when unrelated. */
    int mask(int from, int to) {
        int i = Arrays.binarySearch(targets, offsets[from], offsets[from + 1], to);
        return i < 0 ? 0 : masks[i];
    }

    /** Collects edges in any order, then sorts and merges them. */
    static final class Builder {
        private static final int KIND_BITS = 3;
        private final int nodes;
        private long[] packed = new long[1024];
        private int size;

        Builder(int nodes) {
            if (nodes >= (1 << 28)) {
                throw new IllegalArgumentException("at most 2^28 transactions, not " + nodes);
            }
            this.nodes = nodes;
        }

        void add(int from, int to, DependencyKind kind) {
            if (from == to) {
                return;
            }
            if (size == packed.length) {
                packed = Arrays.copyOf(packed, size * 2);
            }
            packed[size++] = ((long) from << (32 + KIND_BITS)) | ((long) to << KIND_BITS) | kind.ordinal();
        }

        DependencyGraph build() {
            long[] p = Arrays.copyOf(packed, size);
            Arrays.sort(p);
            int[] offsets = new int[nodes + 1];
            int[] targets = new int[size];
            byte[] masks = new byte[size];
            int edges = 0;
            long lastPair = -1;
            for (long e : p) {
                long pair = e >>> KIND_BITS;
                int bit = 1 << (int) (e & ((1 << KIND_BITS) - 1));
                if (pair == lastPair) {
                    masks[edges - 1] |= (byte) bit;
                    continue;
                }
                lastPair = pair;
                int from = (int) (pair >>> 32);
                offsets[from + 1]++;
                targets[edges] = (int) (pair & 0xffffffffL);
                masks[edges] = (byte) bit;
                edges++;
            }
            for (int i = 0; i < nodes; i++) {
                offsets[i + 1] += offsets[i];
            }
            return new DependencyGraph(nodes, offsets, Arrays.copyOf(targets, edges), Arrays.copyOf(masks, edges));
        }
    }
}
