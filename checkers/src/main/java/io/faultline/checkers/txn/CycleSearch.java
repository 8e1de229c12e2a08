package io.faultline.checkers.txn;

import static io.faultline.checkers.txn.DependencyKind.PROCESS;
import static io.faultline.checkers.txn.DependencyKind.REALTIME;
import static io.faultline.checkers.txn.DependencyKind.RW;
import static io.faultline.checkers.txn.DependencyKind.WR;
import static io.faultline.checkers.txn.DependencyKind.WW;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds dependency cycles and names them, most severe first: G0 (ww only), G1c (ww and wr), G-single-item (exactly
 * one rw), G-nonadjacent-item (several rw, no two adjacent: what snapshot isolation forbids), G2-item (any other with
 * rw), then the same with process-order edges, then with real-time edges. Each search is
 * confined to the strongly connected components of the edges it may use, and starts from an edge of the kind that
 * tells it apart ("pivot"); a breadth-first search for the way back gives the shortest such cycle. Within one
 * component of the whole graph, a kind of cycle implied by one already found there is not searched for again.
 * The searches share a budget of edge visits; when it runs out the search stops and says so.
 */
final class CycleSearch {

    /**
     * A cycle: {@code nodes[i]} precedes {@code nodes[i+1]} (and the last precedes the first) by {@code kinds[i]}.
     */
    record Cycle(AnomalyType type, int[] nodes, DependencyKind[] kinds) {}

    private record Spec(AnomalyType target, int sccKinds, int pivot, int backKinds, boolean nonadjacent) {}

    /**
     * The anomaly a cycle names, by variant (plain, with process edges, with realtime edges) and by what its
     * dependency edges are: ww only (G0), with wr (G1c), one rw (G-single), non-adjacent rw (G-nonadjacent),
     * adjacent rw (G2-item).
     */
    private static final AnomalyType[][] ANOMALIES = {
        {AnomalyType.G0, AnomalyType.G1C, AnomalyType.G_SINGLE_ITEM, AnomalyType.G_NONADJACENT_ITEM, AnomalyType.G2_ITEM
        },
        {
            AnomalyType.G0_PROCESS,
            AnomalyType.G1C_PROCESS,
            AnomalyType.G_SINGLE_ITEM_PROCESS,
            AnomalyType.G_NONADJACENT_ITEM_PROCESS,
            AnomalyType.G2_ITEM_PROCESS
        },
        {
            AnomalyType.G0_REALTIME,
            AnomalyType.G1C_REALTIME,
            AnomalyType.G_SINGLE_ITEM_REALTIME,
            AnomalyType.G_NONADJACENT_ITEM_REALTIME,
            AnomalyType.G2_ITEM_REALTIME
        }
    };

    private static final List<Spec> SPECS = specs();

    private final DependencyGraph g;
    private final long[] start;
    private final long[] end;
    private final int[] source;
    private final int[] whole;
    private final Map<Integer, Set<AnomalyType>> foundIn = new HashMap<>();
    private final Map<Integer, Scc> sccs = new HashMap<>();
    private final int[] stamp;
    private final int[] parent;
    private final byte[] parentKind;
    private final int[] queue;
    private int epoch;
    private long budget;
    private boolean exhausted;

    private CycleSearch(DependencyGraph g, long[] start, long[] end, long budget) {
        this.g = g;
        this.start = start;
        this.end = end;
        this.budget = budget;
        this.source = new int[g.edges()];
        for (int a = 0; a < g.nodes; a++) {
            java.util.Arrays.fill(source, g.offsets[a], g.offsets[a + 1], a);
        }
        this.whole = Scc.of(g, DependencyKind.mask(DependencyKind.values())).component;
        this.stamp = new int[2 * g.nodes];
        this.parent = new int[2 * g.nodes];
        this.parentKind = new byte[2 * g.nodes];
        this.queue = new int[2 * g.nodes];
    }

    /** The cycles found, and whether the budget ran out first. */
    record Result(List<Cycle> cycles, boolean exhausted) {}

    /**
     * @param start each transaction's invocation position
     * @param end each transaction's completion position ({@link Long#MAX_VALUE} when unknown)
     */
    static Result find(DependencyGraph g, long[] start, long[] end, long budget) {
        CycleSearch s = new CycleSearch(g, start, end, budget);
        List<Cycle> cycles = new ArrayList<>();
        if (java.util.Arrays.stream(s.whole).allMatch(c -> c < 0)) {
            return new Result(cycles, false); // acyclic: nothing to search
        }
        for (Spec spec : SPECS) {
            s.search(spec, cycles);
        }
        return new Result(cycles, s.exhausted);
    }

    private static List<Spec> specs() {
        List<Spec> out = new ArrayList<>();
        int p = PROCESS.bit();
        int rt = REALTIME.bit() | p;
        int[] extras = {0, p, rt};
        AnomalyType[][] names = ANOMALIES;
        int[] pivots = {0, p, REALTIME.bit()};
        for (int v = 0; v < 3; v++) {
            int x = extras[v];
            int ww = WW.bit() | x;
            int wwr = WW.bit() | WR.bit() | x;
            int all = wwr | RW.bit();
            out.add(new Spec(names[v][0], ww, v == 0 ? WW.bit() : pivots[v], ww, false));
            out.add(new Spec(names[v][1], wwr, v == 0 ? WR.bit() : pivots[v], wwr, false));
            out.add(new Spec(names[v][2], all, RW.bit(), wwr, false));
            out.add(new Spec(names[v][3], all, RW.bit(), all, true));
            out.add(new Spec(names[v][4], all, RW.bit(), all, false));
        }
        return out;
    }

    private Scc scc(int kinds) {
        int all = DependencyKind.mask(DependencyKind.values());
        return sccs.computeIfAbsent(kinds, k -> k == all ? Scc.of(g, k) : Scc.of(g, k, whole));
    }

    private void search(Spec spec, List<Cycle> out) {
        Scc scc = scc(spec.sccKinds());
        if (scc.count == 0) {
            return;
        }
        boolean[] done = new boolean[scc.count];
        for (long pivot : pivots(spec, scc)) {
            int e = (int) pivot;
            int a = source[e];
            int b = g.targets[e];
            int c = scc.component[a];
            if (done[c] || implied(a, spec.target())) {
                continue;
            }
            Cycle cycle = back(a, b, DependencyKind.first(g.masks[e] & spec.pivot()), spec, scc);
            if (cycle != null) {
                done[c] = true;
                out.add(cycle);
                foundIn.computeIfAbsent(whole[a], x -> EnumSet.noneOf(AnomalyType.class))
                        .addAll(AnomalyType.closure(List.of(cycle.type())));
            } else if (exhausted) {
                return;
            }
        }
    }

    /**
     * The spec's pivot edges inside components, most promising first: those that point furthest back in time (a
     * read that missed a write which had completed before the read began closes a cycle soonest). Each is packed as
     * (rank << 32 | edge index).
     */
    private long[] pivots(Spec spec, Scc scc) {
        long[] out = new long[16];
        int n = 0;
        for (int a = 0; a < g.nodes; a++) {
            int c = scc.component[a];
            if (c < 0) {
                continue;
            }
            for (int e = g.offsets[a]; e < g.offsets[a + 1]; e++) {
                if ((g.masks[e] & spec.pivot()) == 0 || scc.component[g.targets[e]] != c) {
                    continue;
                }
                long lead = Math.max(-(1L << 30), Math.min((1L << 30) - 1, start[g.targets[e]] - end[a]));
                if (n == out.length) {
                    out = java.util.Arrays.copyOf(out, n * 2);
                }
                out[n++] = ((lead + (1L << 30)) << 32) | e;
            }
        }
        long[] sorted = java.util.Arrays.copyOf(out, n);
        java.util.Arrays.sort(sorted);
        return sorted;
    }

    private boolean implied(int node, AnomalyType target) {
        Set<AnomalyType> found = foundIn.get(whole[node]);
        return found != null && found.contains(target);
    }

    /**
     * The shortest way from b back to a over the spec's edges, within a's component, closed by a -> b. The search
     * runs over states (node, whether it was entered by an rw edge); for a nonadjacent spec an rw edge may not
     * follow an rw edge, and the way must enter a by another kind (the pivot a -> b is rw).
     */
    private Cycle back(int a, int b, DependencyKind pivotKind, Spec spec, Scc scc) {
        epoch++;
        int c = scc.component[a];
        int head = 0;
        int tail = 0;
        int first = spec.nonadjacent() ? 2 * b + 1 : 2 * b;
        queue[tail++] = first;
        stamp[first] = epoch;
        parent[first] = -1;
        int rw = RW.bit();
        while (head < tail) {
            int state = queue[head++];
            int v = state >>> 1;
            if (state == 2 * a) {
                return cycle(a, first, pivotKind);
            }
            for (int e = g.offsets[v]; e < g.offsets[v + 1]; e++) {
                if (--budget < 0) {
                    exhausted = true;
                    return null;
                }
                int w = g.targets[e];
                int kinds = g.masks[e] & spec.backKinds();
                if (kinds == 0 || scc.component[w] != c) {
                    continue;
                }
                if (spec.nonadjacent()) {
                    if ((kinds & ~rw) != 0) {
                        tail = visit(2 * w, state, DependencyKind.first(kinds & ~rw), tail);
                    }
                    if ((kinds & rw) != 0 && (state & 1) == 0) {
                        tail = visit(2 * w + 1, state, RW, tail);
                    }
                } else {
                    tail = visit(2 * w, state, DependencyKind.first(kinds), tail);
                }
            }
        }
        return null;
    }

    private int visit(int state, int from, DependencyKind kind, int tail) {
        if (stamp[state] == epoch) {
            return tail;
        }
        stamp[state] = epoch;
        parent[state] = from;
        parentKind[state] = (byte) kind.ordinal();
        queue[tail] = state;
        return tail + 1;
    }

    private Cycle cycle(int a, int first, DependencyKind pivotKind) {
        List<Integer> path = new ArrayList<>();
        List<DependencyKind> kinds = new ArrayList<>();
        for (int s = 2 * a; s != first; s = parent[s]) {
            path.add(parent[s] >>> 1);
            kinds.add(DependencyKind.values()[parentKind[s]]);
        }
        // path holds b..a backwards: reverse it, and start the cycle at a with the pivot edge a -> b.
        int len = path.size() + 1;
        int[] nodes = new int[len];
        DependencyKind[] ks = new DependencyKind[len];
        nodes[0] = a;
        ks[0] = pivotKind;
        for (int i = 0; i < path.size(); i++) {
            nodes[i + 1] = path.get(path.size() - 1 - i);
            ks[i + 1] = kinds.get(kinds.size() - 1 - i);
        }
        return new Cycle(classify(ks), nodes, ks);
    }

    /**
     * Names a cycle by its edges: how many rw (and whether two are adjacent), whether any wr, and process or
     * real-time edges.
     */
    static AnomalyType classify(DependencyKind[] kinds) {
        int rw = 0;
        boolean adjacentRw = false;
        boolean wr = false;
        boolean process = false;
        boolean realtime = false;
        for (int i = 0; i < kinds.length; i++) {
            switch (kinds[i]) {
                case RW -> {
                    rw++;
                    adjacentRw |= kinds[(i + 1) % kinds.length] == RW;
                }
                case WR -> wr = true;
                case PROCESS -> process = true;
                case REALTIME -> realtime = true;
                case WW -> {}
            }
        }
        int variant = realtime ? 2 : process ? 1 : 0;
        int base = rw == 0 ? (wr ? 1 : 0) : rw == 1 ? 2 : adjacentRw ? 4 : 3;
        return ANOMALIES[variant][base];
    }
}
