package io.faultline.checkers.linear;

import io.faultline.checkers.history.Operation;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Wing and Gong's search for a linearization with Lowe's memoisation, in the shape Porcupine made well known: the
 * calls and returns of one partition form a doubly linked list; linearizing an operation lifts its call and return
 * out of the list, backtracking puts them back. A (linearized set, state) pair is explored at most once. The
 * linearized set is a bitset with an incremental Zobrist hash, so probing the memo costs no pass over the bitset.
 *
 * <p>Operations with an unknown outcome return at +infinity: they may be linearized anywhere after their call, or
 * never, so the search succeeds as soon as every operation with a known outcome is linearized.
 *
 * <p>Such operations with equal calls are interchangeable once both are called (neither has a return to meet), so
 * the search linearizes them only in call order ({@link #twin}): ten indeterminate writes of one value then cost
 * eleven choices (how many of them took effect so far) instead of 1,024 subsets. A register under faults, where
 * many writes time out with a few distinct values, is where that matters.
 */
final class WglSearch<S, C> {
    private static final int CHECK_EVERY = 1 << 10;

    /** What the search found. */
    sealed interface Outcome permits Linearizable, NotLinearizable, Aborted {}

    record Linearizable() implements Outcome {}

    /**
     * @param blocked local id of the operation whose return the longest partial linearization could not pass
     * @param longest local ids of the longest partial linearization, in order
     * @param states the state after each of {@code longest}
     */
    record NotLinearizable(int blocked, int[] longest, Object[] states) implements Outcome {}

    record Aborted(String cause) implements Outcome {}

    private final Model<S, C> model;
    private final List<C> calls;
    private final int n;
    private final int[] next;
    private final int[] prev;
    private final int[] opOf;
    private final int[] match;
    private final int head;
    private final int tail;
    private final long[] zobrist;
    private final int determinate;
    private final boolean[] isDeterminate;
    /**
     * For an indeterminate operation, the latest indeterminate operation called before it with an equal call (-1
     * when none): it is linearized only once its twin is, which keeps the linearized ones of a family of equal
     * calls a prefix in call order.
     */
    private final int[] twin;

    /**
     * @param operations the partition's operations, local ids 0..n-1 being their positions in this list
     * @param calls the model's call for each operation, same order
     */
    WglSearch(Model<S, C> model, List<Operation> operations, List<C> calls) {
        this.model = model;
        this.calls = calls;
        this.n = operations.size();
        int entries = 2 * n;
        long[] keys = new long[entries];
        Integer[] order = new Integer[entries];
        for (int i = 0; i < n; i++) {
            order[2 * i] = 2 * i;
            order[2 * i + 1] = 2 * i + 1;
        }
        Arrays.sort(order, (a, b) -> {
            Operation x = operations.get(a >> 1);
            Operation y = operations.get(b >> 1);
            long px = (a & 1) == 0 ? x.call() : x.ret();
            long py = (b & 1) == 0 ? y.call() : y.ret();
            if (px != py) {
                return Long.compare(px, py);
            }
            return Long.compare(x.call(), y.call());
        });
        next = new int[entries + 2];
        prev = new int[entries + 2];
        opOf = new int[entries];
        match = new int[entries];
        head = entries;
        tail = entries + 1;
        int[] callEntry = new int[n];
        int[] returnEntry = new int[n];
        for (int e = 0; e < entries; e++) {
            int code = order[e];
            opOf[e] = code >> 1;
            if ((code & 1) == 0) {
                callEntry[code >> 1] = e;
            } else {
                returnEntry[code >> 1] = e;
            }
            next[e] = e + 1 == entries ? tail : e + 1;
            prev[e] = e == 0 ? head : e - 1;
        }
        Arrays.fill(match, -1);
        for (int i = 0; i < n; i++) {
            match[callEntry[i]] = returnEntry[i];
        }
        next[head] = entries == 0 ? tail : 0;
        prev[tail] = entries == 0 ? head : entries - 1;
        zobrist = new long[n];
        SplittableRandom random = new SplittableRandom(0x5EED_FA17L);
        isDeterminate = new boolean[n];
        int d = 0;
        for (int i = 0; i < n; i++) {
            zobrist[i] = random.nextLong();
            isDeterminate[i] = !operations.get(i).outcome().isIndeterminate();
            if (isDeterminate[i]) {
                d++;
            }
        }
        determinate = d;
        twin = new int[n];
        Arrays.fill(twin, -1);
        java.util.Map<C, Integer> lastOfCall = new java.util.HashMap<>();
        for (int e = 0; e < entries; e++) {
            int op = opOf[e];
            if (match[e] >= 0 && !isDeterminate[op]) {
                Integer before = lastOfCall.put(calls.get(op), op);
                twin[op] = before == null ? -1 : before;
            }
        }
    }

    @SuppressWarnings("unchecked")
    Outcome run(long deadlineNanos, AtomicBoolean stop, long maxCacheEntries) {
        StateCache<S> cache = new StateCache<>(model, 1024);
        long[] bits = new long[(n + 63) >>> 6];
        long bitsHash = 0;
        int[] stackEntry = new int[n];
        Object[] stackState = new Object[n];
        int depth = 0;
        int remaining = determinate;
        S state = model.init();
        int bestDepth = 0;
        int[] best = new int[0];
        Object[] bestStates = new Object[0];
        int blocked = -1;
        long steps = 0;
        int entry = next[head];
        while (remaining > 0) {
            if ((++steps & (CHECK_EVERY - 1)) == 0) {
                if (stop.get()) {
                    return new Aborted("cancelled");
                }
                if (System.nanoTime() - deadlineNanos > 0) {
                    return new Aborted("timeout");
                }
                if (cache.size() > maxCacheEntries) {
                    return new Aborted("out of memory: the memo reached " + cache.size() + " states");
                }
            }
            if (match[entry] >= 0) {
                int op = opOf[entry];
                int t = twin[op];
                if (t >= 0 && (bits[t >>> 6] & (1L << t)) == 0) {
                    entry = next[entry]; // its twin, called earlier and still open, stands for it here
                    continue;
                }
                S after = model.step(state, calls.get(op));
                if (after != null) {
                    int word = op >>> 6;
                    long bit = 1L << op;
                    bits[word] |= bit;
                    long h = bitsHash ^ zobrist[op];
                    if (cache.add(bits, h, after)) {
                        stackEntry[depth] = entry;
                        stackState[depth] = state;
                        depth++;
                        state = after;
                        bitsHash = h;
                        if (isDeterminate[op]) {
                            remaining--;
                        }
                        lift(entry);
                        if (depth > bestDepth) {
                            bestDepth = depth;
                            best = new int[depth];
                            bestStates = new Object[depth];
                            for (int k = 0; k < depth; k++) {
                                best[k] = opOf[stackEntry[k]];
                                bestStates[k] = k + 1 < depth ? stackState[k + 1] : state;
                            }
                            blocked = -1;
                        }
                        entry = next[head];
                        continue;
                    }
                    bits[word] &= ~bit;
                }
                entry = next[entry];
            } else {
                if (depth == bestDepth && blocked < 0) {
                    blocked = opOf[entry];
                }
                if (depth == 0) {
                    return new NotLinearizable(blocked, best, bestStates);
                }
                depth--;
                int top = stackEntry[depth];
                state = (S) stackState[depth];
                stackState[depth] = null;
                int op = opOf[top];
                bits[op >>> 6] &= ~(1L << op);
                bitsHash ^= zobrist[op];
                if (isDeterminate[op]) {
                    remaining++;
                }
                unlift(top);
                entry = next[top];
            }
        }
        return new Linearizable();
    }

    private void lift(int call) {
        int ret = match[call];
        next[prev[call]] = next[call];
        prev[next[call]] = prev[call];
        next[prev[ret]] = next[ret];
        prev[next[ret]] = prev[ret];
    }

    private void unlift(int call) {
        int ret = match[call];
        next[prev[ret]] = ret;
        prev[next[ret]] = ret;
        next[prev[call]] = call;
        prev[next[call]] = call;
    }
}
