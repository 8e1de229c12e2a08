package io.faultline.checkers.causal;

import java.util.ArrayList;
import java.util.List;

/** Finds the bad patterns of a differentiated history whose causal order is acyclic. */
final class BadPatterns {
    /** Violations kept per pattern. */
    static final int LIMIT = 8;

    private final CausalOrder co;
    private final List<Violation> found = new ArrayList<>();

    private BadPatterns(CausalOrder co) {
        this.co = co;
    }

    /** Every bad pattern; CyclicCO alone when PO ∪ RF has a cycle (then nothing else is defined). */
    static List<Violation> find(CausalOrder co) {
        BadPatterns b = new BadPatterns(co);
        b.thinAir();
        if (!co.close()) {
            List<RwOp> cycle = co.cycle().stream().map(co::op).toList();
            b.found.add(Violation.of(
                    BadPattern.CYCLIC_CO.label(),
                    cycle,
                    "program order and reads-from form a cycle: " + chain(cycle)
                            + " -> back to the first: an operation causally depends on itself"));
            return b.found;
        }
        b.writeCoReads();
        b.cyclicCf();
        new HappenedBefore(co, b.found).check();
        return b.found;
    }

    private void thinAir() {
        int n = 0;
        for (RwOp r : co.history.ops()) {
            if (!r.write() && r.value() != null && co.readsFrom[r.id()] < 0 && n++ < LIMIT) {
                found.add(Violation.of(
                        BadPattern.THIN_AIR_READ.label(),
                        List.of(r),
                        r + " returned a value that no write wrote to that key"));
            }
        }
    }

    private void writeCoReads() {
        int init = 0;
        int stale = 0;
        for (RwOp r : co.history.ops()) {
            if (r.write()) {
                continue;
            }
            RwOp source = co.source(r);
            for (int w : co.writes(r.key())) {
                if (!co.before(w, r.id())) {
                    continue;
                }
                if (r.value() == null && init++ < LIMIT) {
                    found.add(Violation.of(
                            BadPattern.WRITE_CO_INIT_READ.label(),
                            List.of(co.op(w), r),
                            co.op(w) + " causally precedes " + r + ", which still returned the initial value"));
                    break;
                }
                if (source != null && w != source.id() && co.before(source.id(), w) && stale++ < LIMIT) {
                    found.add(Violation.of(
                            BadPattern.WRITE_CO_READ.label(),
                            List.of(source, co.op(w), r),
                            r + " read from " + source + ", but " + co.op(w)
                                    + " overwrote it before the read in causal order (" + source.describe() + " -> "
                                    + co.op(w).describe() + " -> " + r.describe() + ")"));
                    break;
                }
            }
        }
    }

    /** CF: w1 CF w2 when a read of w2's value has w1 (same key) CO-before it. A cycle in CO ∪ CF breaks CCv. */
    private void cyclicCf() {
        List<List<Integer>> succ = co.edges();
        for (RwOp r : co.history.ops()) {
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
        List<Integer> cycle = Graphs.cycle(succ);
        if (!cycle.isEmpty()) {
            List<RwOp> ops = cycle.stream().map(co::op).toList();
            found.add(Violation.of(
                    BadPattern.CYCLIC_CF.label(),
                    ops,
                    "no single order of the writes fits every read: causal order and the conflict order (w1 before"
                            + " w2 when a read of w2 has w1 in its causal past) form a cycle: " + chain(ops)));
        }
    }

    static String chain(List<RwOp> ops) {
        return String.join(" -> ", ops.stream().map(RwOp::toString).toList());
    }
}
