package io.faultline.checkers.txn;

import org.jspecify.annotations.Nullable;

/**
 * Strongly connected components of a {@link DependencyGraph} restricted to some kinds of edge (Tarjan's algorithm,
 * iterative so that long chains do not overflow the stack).
 */
final class Scc {
    /** Component of each node; nodes alone in their component (no cycle through them) get -1. */
    final int[] component;
    /** How many components with two or more nodes. */
    final int count;

    private Scc(int[] component, int count) {
        this.component = component;
        this.count = count;
    }

    static Scc of(DependencyGraph g, int kinds) {
        return of(g, kinds, null);
    }

    /**
     * @param within when not null, only nodes with {@code within[v] >= 0} take part (the nodes of another, coarser
     *     decomposition's components: a cycle over fewer kinds of edge lies inside one of them)
     */
    static Scc of(DependencyGraph g, int kinds, int @Nullable [] within) {
        int n = g.nodes;
        int[] index = new int[n];
        int[] low = new int[n];
        int[] comp = new int[n];
        boolean[] onStack = new boolean[n];
        java.util.Arrays.fill(index, -1);
        java.util.Arrays.fill(comp, -1);
        int[] stack = new int[n];
        int sp = 0;
        int[] callNode = new int[n];
        int[] callEdge = new int[n];
        int next = 0;
        int components = 0;
        for (int root = 0; root < n; root++) {
            if (index[root] >= 0 || (within != null && within[root] < 0)) {
                continue;
            }
            int depth = 0;
            callNode[0] = root;
            callEdge[0] = g.offsets[root];
            index[root] = low[root] = next++;
            stack[sp++] = root;
            onStack[root] = true;
            while (depth >= 0) {
                int v = callNode[depth];
                int e = callEdge[depth];
                if (e < g.offsets[v + 1]) {
                    callEdge[depth]++;
                    if ((g.masks[e] & kinds) == 0) {
                        continue;
                    }
                    int w = g.targets[e];
                    if (within != null && within[w] != within[v]) {
                        continue;
                    }
                    if (index[w] < 0) {
                        index[w] = low[w] = next++;
                        stack[sp++] = w;
                        onStack[w] = true;
                        depth++;
                        callNode[depth] = w;
                        callEdge[depth] = g.offsets[w];
                    } else if (onStack[w]) {
                        low[v] = Math.min(low[v], index[w]);
                    }
                    continue;
                }
                if (low[v] == index[v]) {
                    int size = 0;
                    int w;
                    do {
                        w = stack[--sp];
                        onStack[w] = false;
                        comp[w] = components;
                        size++;
                    } while (w != v);
                    if (size == 1) {
                        comp[v] = -1;
                    } else {
                        components++;
                    }
                }
                depth--;
                if (depth >= 0) {
                    int parent = callNode[depth];
                    low[parent] = Math.min(low[parent], low[v]);
                }
            }
        }
        return new Scc(comp, components);
    }
}
