package io.faultline.checkers.sequential;

import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.ProcessId;
import io.faultline.checkers.linear.Model;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A depth-first search for a total order of operations that respects each process's program order and a model,
 * with no real-time constraint. A search state is a position in every process's program (how many of its operations
 * are placed) and the model state; each pair is explored at most once. The model state is one state per independent
 * part of the history ({@link Model#partition}), so one search can order the operations of several parts together.
 *
 * <p>An operation of unknown outcome (info or pending) may take effect or not: the search may place it or pass over
 * it. Operations that certainly happened (ok, and fail when the model keeps fails) must all be placed.
 *
 * <p>For a model with {@link Model#assignments() assignments}, two reductions keep the search small without changing
 * its answer. An operation that can happen now and never changes the state (a read of the current value) is placed
 * at once with no alternative tried: any order that places it later can place it here instead, since nothing
 * between depends on it. And a state is a dead end as soon as some process's next certain operation needs a
 * state that is gone and no operation left in another process can set it again.
 */
final class SequentialSearch<S, C> {
    private static final int CHECK_EVERY = 1 << 10;

    /** One operation to order: its model call and the index of its part. */
    record Entry<C>(Operation operation, C call, int part) {}

    sealed interface Outcome permits Consistent, Inconsistent, Aborted {}

    /** An order exists; {@code order} is the placed operations, in order. */
    record Consistent(List<Operation> order, long explored) implements Outcome {}

    /**
     * No order exists.
     *
     * @param longest the longest order found (operations placed, skipped indeterminate ones left out)
     * @param states the combined state after each of {@code longest}
     * @param blocked each process's next operation after {@code longest}
     */
    record Inconsistent(List<Operation> longest, List<Object[]> states, List<Operation> blocked, long explored)
            implements Outcome {}

    /** A budget ran out: {@code cause} says which. */
    record Aborted(String cause, int longestPlaced, long explored) implements Outcome {}

    private final Model<S, C> model;
    private final int parts;
    private final Entry<C>[][] programs;
    private final Model.@Nullable Assignments<S, C> assignments;
    /** For each part and state some call sets: the (process, index) of every such call, in process order. */
    private final Map<PartState, List<int[]>> setters = new HashMap<>();

    /**
     * @param entries the operations to order, in invocation order
     * @param parts how many parts the entries' {@code part} indices range over
     */
    @SuppressWarnings("unchecked")
    SequentialSearch(Model<S, C> model, List<Entry<C>> entries, int parts) {
        this.model = model;
        this.parts = parts;
        Map<ProcessId, List<Entry<C>>> byProcess = new LinkedHashMap<>();
        List<Entry<C>> sorted = new ArrayList<>(entries);
        sorted.sort((a, b) -> Long.compare(a.operation().call(), b.operation().call()));
        for (Entry<C> e : sorted) {
            byProcess
                    .computeIfAbsent(e.operation().process(), p -> new ArrayList<>())
                    .add(e);
        }
        programs = new Entry[byProcess.size()][];
        int p = 0;
        for (List<Entry<C>> program : byProcess.values()) {
            programs[p++] = program.toArray(new Entry[0]);
        }
        assignments = model.assignments();
        if (assignments != null) {
            for (int q = 0; q < programs.length; q++) {
                for (int i = 0; i < programs[q].length; i++) {
                    Entry<C> e = programs[q][i];
                    S set = assignments.assigns(e.call());
                    if (set != null) {
                        setters.computeIfAbsent(new PartState(e.part(), set, model), k -> new ArrayList<>())
                                .add(new int[] {q, i});
                    }
                }
            }
        }
    }

    @SuppressWarnings("unchecked")
    Outcome run(long deadlineNanos, long maxStates) {
        int processes = programs.length;
        int total = 0;
        for (Entry<C>[] program : programs) {
            total += program.length;
        }
        int[] position = new int[processes];
        Object[] init = new Object[parts];
        Arrays.fill(init, model.init());
        Set<Key> memo = new HashSet<>();
        memo.add(new Key(position.clone(), init, model));
        Object[][] frameState = new Object[total + 1][];
        int[] nextChoice = new int[total + 1];
        int[] moveOf = new int[total + 1];
        Operation[] placedAt = new Operation[total + 1];
        int[][] frameOrder = new int[total + 1][];
        frameState[0] = init;
        frameOrder[0] = order(position);
        int depth = 0;
        int placed = 0;
        int bestPlaced = -1;
        int[] bestPosition = position.clone();
        List<Operation> best = List.of();
        List<Object[]> bestStates = List.of();
        long steps = 0;
        while (true) {
            if ((++steps & (CHECK_EVERY - 1)) == 0) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    return new Aborted("time", Math.max(0, bestPlaced), memo.size());
                }
                if (memo.size() > maxStates) {
                    return new Aborted("states", Math.max(0, bestPlaced), memo.size());
                }
            }
            if (placed > bestPlaced) {
                bestPlaced = placed;
                bestPosition = position.clone();
                best = new ArrayList<>(placed);
                bestStates = new ArrayList<>(placed);
                for (int d = 0; d < depth; d++) {
                    if (placedAt[d] != null) {
                        best.add(placedAt[d]);
                        bestStates.add(frameState[d + 1]);
                    }
                }
            }
            if (allDone(position)) {
                return new Consistent(best, memo.size());
            }
            Object[] state = frameState[depth];
            int chosen = -1;
            int move = -1;
            Object @Nullable [] after = null;
            int[] order = frameOrder[depth];
            int limit = 2 * order.length;
            boolean forced = false;
            if (nextChoice[depth] == 0) {
                if (deadEnd(position, state)) {
                    nextChoice[depth] = limit;
                } else {
                    int stay = staying(order, position, state);
                    if (stay >= 0) {
                        nextChoice[depth] = stay;
                        limit = stay + 1;
                        forced = true;
                    }
                }
            }
            for (int c = nextChoice[depth]; c < limit && chosen < 0; c++) {
                int q = order[c >> 1];
                Entry<C> e = programs[q][position[q]];
                boolean skip = (c & 1) == 1;
                if (skip && !e.operation().outcome().isIndeterminate()) {
                    continue;
                }
                Object @Nullable [] next = skip ? state : step(state, e);
                if (next == null) {
                    continue;
                }
                position[q]++;
                if (memo.add(new Key(position.clone(), next, model))) {
                    chosen = c;
                    move = 2 * q + (c & 1);
                    after = next;
                } else {
                    position[q]--;
                }
            }
            if (forced) {
                nextChoice[depth] = 2 * order.length;
            }
            if (chosen >= 0) {
                nextChoice[depth] = forced ? 2 * order.length : chosen + 1;
                moveOf[depth] = move;
                int q = move >> 1;
                placedAt[depth] = (move & 1) == 0 ? programs[q][position[q] - 1].operation() : null;
                depth++;
                frameState[depth] = after;
                frameOrder[depth] = order(position);
                nextChoice[depth] = 0;
                if ((move & 1) == 0) {
                    placed++;
                }
                continue;
            }
            if (depth == 0) {
                List<Operation> blocked = new ArrayList<>();
                for (int q = 0; q < processes; q++) {
                    if (bestPosition[q] < programs[q].length) {
                        blocked.add(programs[q][bestPosition[q]].operation());
                    }
                }
                return new Inconsistent(best, bestStates, blocked, memo.size());
            }
            frameOrder[depth] = null;
            depth--;
            int undone = moveOf[depth];
            position[undone >> 1]--;
            if ((undone & 1) == 0) {
                placed--;
            }
        }
    }

    /**
     * The processes with operations left, the one whose next operation was invoked first leading: trying operations
     * in real-time order first finds the order of a linearizable history (which is sequentially consistent) with
     * little backtracking; the search still tries every order before it says invalid.
     */
    private int[] order(int[] position) {
        int[] out = new int[programs.length];
        int n = 0;
        for (int q = 0; q < programs.length; q++) {
            if (position[q] < programs[q].length) {
                long call = programs[q][position[q]].operation().call();
                int i = n++;
                while (i > 0
                        && programs[out[i - 1]][position[out[i - 1]]]
                                        .operation()
                                        .call()
                                > call) {
                    out[i] = out[i - 1];
                    i--;
                }
                out[i] = q;
            }
        }
        return Arrays.copyOf(out, n);
    }

    /**
     * The choice (as the search numbers them) that places, or for an operation of unknown outcome passes over, an
     * operation that can happen in {@code state} and never changes any state (a read); -1 when there is none. Only
     * a model's {@link Model#assignments() assignments} tell such an operation apart: a write of the current value
     * leaves this state as it is too, but placed later it could change another.
     */
    @SuppressWarnings("unchecked")
    private int staying(int[] order, int[] position, Object[] state) {
        if (assignments == null) {
            return -1;
        }
        for (int i = 0; i < order.length; i++) {
            Entry<C> e = programs[order[i]][position[order[i]]];
            if (assignments.assigns(e.call()) != null) {
                continue;
            }
            S before = (S) state[e.part()];
            if (model.step(before, e.call()) != null) {
                return 2 * i + (e.operation().outcome().isIndeterminate() ? 1 : 0);
            }
        }
        return -1;
    }

    /**
     * Whether some process's next operation must be placed, needs a state other than its part's current one, and
     * no operation left in another process sets that state: then nothing placed after this can satisfy it.
     */
    private boolean deadEnd(int[] position, Object[] state) {
        if (assignments == null) {
            return false;
        }
        for (int q = 0; q < programs.length; q++) {
            if (position[q] == programs[q].length) {
                continue;
            }
            Entry<C> e = programs[q][position[q]];
            if (e.operation().outcome().isIndeterminate()) {
                continue;
            }
            S needed = assignments.requires(e.call());
            @SuppressWarnings("unchecked")
            S current = (S) state[e.part()];
            if (needed == null || model.equal(needed, current)) {
                continue;
            }
            if (!settable(new PartState(e.part(), needed, model), q, position)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a call of a process other than {@code q}, not yet placed or passed over, sets this part's state. */
    private boolean settable(PartState target, int q, int[] position) {
        List<int[]> calls = setters.get(target);
        if (calls == null) {
            return false;
        }
        for (int[] call : calls) {
            if (call[0] != q && call[1] >= position[call[0]]) {
                return true;
            }
        }
        return false;
    }

    private boolean allDone(int[] position) {
        for (int q = 0; q < programs.length; q++) {
            if (position[q] < programs[q].length) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private Object @Nullable [] step(Object[] state, Entry<C> e) {
        S after = model.step((S) state[e.part()], e.call());
        if (after == null) {
            return null;
        }
        Object[] next = state.clone();
        next[e.part()] = after;
        return next;
    }

    /** A part's index and a state of it, compared with the model's equality. */
    private static final class PartState {
        private final int part;
        private final Object state;
        private final Model<Object, ?> model;

        @SuppressWarnings("unchecked")
        PartState(int part, Object state, Model<?, ?> model) {
            this.part = part;
            this.state = state;
            this.model = (Model<Object, ?>) model;
        }

        @Override
        public int hashCode() {
            return part * 31 + model.hash(state);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PartState p && p.part == part && model.equal(p.state, state);
        }
    }

    /** A memo entry: every process's position and the state of every part, compared with the model's equality. */
    private static final class Key {
        private final int[] position;
        private final Object[] states;
        private final Model<Object, ?> model;
        private final int hash;

        @SuppressWarnings("unchecked")
        Key(int[] position, Object[] states, Model<?, ?> model) {
            this.position = position;
            this.states = states;
            this.model = (Model<Object, ?>) model;
            int h = Arrays.hashCode(position);
            for (Object s : states) {
                h = h * 31 + this.model.hash(s);
            }
            this.hash = h;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key k) || k.hash != hash || !Arrays.equals(k.position, position)) {
                return false;
            }
            for (int i = 0; i < states.length; i++) {
                if (!model.equal(states[i], k.states[i])) {
                    return false;
                }
            }
            return true;
        }
    }
}
