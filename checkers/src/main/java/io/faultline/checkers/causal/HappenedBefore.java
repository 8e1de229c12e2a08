package io.faultline.checkers.causal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.List;

/**
 * Causal memory's bad patterns. For an operation o, HB_o is the causal order restricted to o's causal past, plus
 * w1 -> w2 whenever a read in o's session, up to o, read from w2 while w1 (same key) was in its causal past; closed
 * transitively. HB_o only grows along a session, so checking the last operation of each session suffices.
 */
final class HappenedBefore {
    private final CausalOrder co;
    private final List<Violation> found;

    HappenedBefore(CausalOrder co, List<Violation> found) {
        this.co = co;
        this.found = found;
    }

    void check() {
        List<RwOp> ops = co.history.ops();
        boolean cyclic = false;
        boolean initRead = false;
        for (int i = 0; i < ops.size(); i++) {
            boolean last = i + 1 == ops.size()
                    || ops.get(i + 1).session() != ops.get(i).session();
            if (!last) {
                continue;
            }
            RwOp o = ops.get(i);
            List<List<Integer>> succ = graph(o);
            if (!cyclic) {
                List<Integer> cycle = Graphs.cycle(succ);
                if (!cycle.isEmpty()) {
                    cyclic = true;
                    List<RwOp> c = cycle.stream().map(co::op).toList();
                    found.add(Violation.of(
                            BadPattern.CYCLIC_HB.label(),
                            c,
                            "the happened-before order seen by session "
                                    + co.history.sessions().get(o.session()) + " (up to " + o + ") has a cycle: "
                                    + BadPatterns.chain(c)));
                    continue;
                }
            }
            if (!initRead) {
                initRead = initRead(o, succ);
            }
        }
    }

    /** HB_o as a graph over all ops (only o's causal past has edges). */
    private List<List<Integer>> graph(RwOp o) {
        List<List<Integer>> base = co.edges();
        int n = base.size();
        BitSet past = new BitSet(n);
        for (int v = 0; v < n; v++) {
            if (v == o.id() || co.before(v, o.id())) {
                past.set(v);
            }
        }
        List<List<Integer>> succ = new ArrayList<>(n);
        for (int v = 0; v < n; v++) {
            List<Integer> out = new ArrayList<>();
            if (past.get(v)) {
                for (int w : base.get(v)) {
                    if (past.get(w)) {
                        out.add(w);
                    }
                }
            }
            succ.add(out);
        }
        for (RwOp r : sessionUpTo(o)) {
            RwOp w2 = r.write() ? null : co.source(r);
            if (w2 == null) {
                continue;
            }
            for (int w1 : co.writes(r.key())) {
                if (w1 != w2.id() && co.before(w1, r.id())) {
                    succ.get(w1).add(w2.id());
                }
            }
        }
        return succ;
    }

    /** WriteHBInitRead: a write to x reaches, in HB_o, a read of x's initial value in o's session up to o. */
    private boolean initRead(RwOp o, List<List<Integer>> succ) {
        List<List<Integer>> pred = new ArrayList<>(succ.size());
        for (int v = 0; v < succ.size(); v++) {
            pred.add(new ArrayList<>());
        }
        for (int v = 0; v < succ.size(); v++) {
            for (int w : succ.get(v)) {
                pred.get(w).add(v);
            }
        }
        for (RwOp r : sessionUpTo(o)) {
            if (r.write() || r.value() != null) {
                continue;
            }
            BitSet seen = new BitSet();
            Deque<Integer> todo = new ArrayDeque<>(List.of(r.id()));
            while (!todo.isEmpty()) {
                int v = todo.pop();
                for (int u : pred.get(v)) {
                    if (seen.get(u)) {
                        continue;
                    }
                    seen.set(u);
                    RwOp w = co.op(u);
                    if (w.write() && w.key().equals(r.key())) {
                        found.add(Violation.of(
                                BadPattern.WRITE_HB_INIT_READ.label(),
                                List.of(w, r, o),
                                w + " happened before " + r + " in the order session "
                                        + co.history.sessions().get(o.session()) + " observed up to " + o
                                        + ", yet the read returned the initial value"));
                        return true;
                    }
                    todo.push(u);
                }
            }
        }
        return false;
    }

    private List<RwOp> sessionUpTo(RwOp o) {
        List<RwOp> out = new ArrayList<>();
        for (RwOp op : co.history.ops()) {
            if (op.session() == o.session() && op.id() <= o.id()) {
                out.add(op);
            }
        }
        return out;
    }
}
