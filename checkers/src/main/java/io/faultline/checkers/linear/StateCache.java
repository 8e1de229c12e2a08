package io.faultline.checkers.linear;

import java.util.Arrays;

/**
 * The memo of Lowe's search: the set of (linearized operations, model state) pairs already explored. Open
 * addressing over a precomputed 64-bit hash; entries are compared in full on a hash match.
 */
final class StateCache<S> {
    private final Model<S, ?> model;
    private long[] hashes;
    private long[][] bitsets;
    private Object[] states;
    private int size;
    private int mask;

    StateCache(Model<S, ?> model, int initialCapacity) {
        this.model = model;
        int cap = Integer.highestOneBit(Math.max(16, initialCapacity) * 2 - 1);
        hashes = new long[cap];
        bitsets = new long[cap][];
        states = new Object[cap];
        mask = cap - 1;
    }

    int size() {
        return size;
    }

    /** Adds the pair unless present; true when it was new. {@code bits} is copied when stored. */
    @SuppressWarnings("unchecked")
    boolean add(long[] bits, long bitsHash, S state) {
        long h = mix(bitsHash * 0x9E3779B97F4A7C15L + model.hash(state));
        int i = (int) h & mask;
        while (bitsets[i] != null) {
            if (hashes[i] == h && Arrays.equals(bitsets[i], bits) && model.equal((S) states[i], state)) {
                return false;
            }
            i = (i + 1) & mask;
        }
        hashes[i] = h;
        bitsets[i] = bits.clone();
        states[i] = state;
        if (++size * 2 > hashes.length) {
            grow();
        }
        return true;
    }

    private void grow() {
        long[] oldHashes = hashes;
        long[][] oldBits = bitsets;
        Object[] oldStates = states;
        int cap = oldHashes.length * 2;
        hashes = new long[cap];
        bitsets = new long[cap][];
        states = new Object[cap];
        mask = cap - 1;
        for (int j = 0; j < oldHashes.length; j++) {
            if (oldBits[j] != null) {
                int i = (int) oldHashes[j] & mask;
                while (bitsets[i] != null) {
                    i = (i + 1) & mask;
                }
                hashes[i] = oldHashes[j];
                bitsets[i] = oldBits[j];
                states[i] = oldStates[j];
            }
        }
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
