package io.faultline.checkers.causal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Topological order and cycle finding on small adjacency-list graphs. */
final class Graphs {
    private Graphs() {}

    /** A topological order of the nodes, or null when the graph has a cycle (Kahn's algorithm). */
    static int @Nullable [] topologicalOrder(List<List<Integer>> succ) {
        int n = succ.size();
        int[] in = new int[n];
        for (List<Integer> s : succ) {
            for (int w : s) {
                in[w]++;
            }
        }
        int[] order = new int[n];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < n; v++) {
            if (in[v] == 0) {
                order[tail++] = v;
            }
        }
        while (head < tail) {
            int v = order[head++];
            for (int w : succ.get(v)) {
                if (--in[w] == 0) {
                    order[tail++] = w;
                }
            }
        }
        return tail == n ? order : null;
    }

    /** Some cycle, as nodes in order (each an edge to the next, the last to the first), or an empty list. */
    static List<Integer> cycle(List<List<Integer>> succ) {
        int n = succ.size();
        int[] state = new int[n]; // 0 new, 1 on the current path, 2 done
        int[] parent = new int[n];
        int[] edge = new int[n];
        for (int root = 0; root < n; root++) {
            if (state[root] != 0) {
                continue;
            }
            int v = root;
            state[v] = 1;
            parent[v] = -1;
            while (v >= 0) {
                if (edge[v] < succ.get(v).size()) {
                    int w = succ.get(v).get(edge[v]++);
                    if (state[w] == 1) {
                        List<Integer> out = new ArrayList<>();
                        for (int x = v; x != w; x = parent[x]) {
                            out.add(x);
                        }
                        out.add(w);
                        Collections.reverse(out);
                        return out;
                    }
                    if (state[w] == 0) {
                        state[w] = 1;
                        parent[w] = v;
                        v = w;
                    }
                } else {
                    state[v] = 2;
                    v = parent[v];
                }
            }
        }
        return List.of();
    }
}
