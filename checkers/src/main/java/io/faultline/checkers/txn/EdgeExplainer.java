package io.faultline.checkers.txn;

import io.faultline.checkers.edn.EdnWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Says in words why one transaction precedes another, from the same evidence the edges were inferred from. */
final class EdgeExplainer {
    private final AppendIndex index;

    EdgeExplainer(AppendIndex index) {
        this.index = index;
    }

    /** The cycle as an anomaly: its transactions, its steps each explained, and a summary. */
    Anomaly explain(CycleSearch.Cycle cycle) {
        List<Txn> txns = new ArrayList<>();
        List<Anomaly.Step> steps = new ArrayList<>();
        int[] nodes = cycle.nodes();
        for (int i = 0; i < nodes.length; i++) {
            Txn a = index.txns.get(nodes[i]);
            Txn b = index.txns.get(nodes[(i + 1) % nodes.length]);
            txns.add(a);
            steps.add(new Anomaly.Step(a.name(), b.name(), cycle.kinds()[i], why(a, b, cycle.kinds()[i])));
        }
        StringBuilder text = new StringBuilder(cycle.type().label()).append(": ");
        for (Anomaly.Step s : steps) {
            text.append(s.why()).append(" (").append(s.kind().label()).append("); ");
        }
        text.append("so ");
        for (Anomaly.Step s : steps) {
            text.append(s.from()).append(" < ");
        }
        text.append(steps.getFirst().from()).append(": a cycle");
        return new Anomaly(cycle.type(), txns.stream().map(Txn::describe).toList(), steps, text.toString());
    }

    String why(Txn a, Txn b, DependencyKind kind) {
        return switch (kind) {
            case WW -> ww(a, b);
            case WR -> wr(a, b);
            case RW -> rw(a, b);
            case PROCESS ->
                a.name() + " and " + b.name() + " ran on process " + a.process() + ", " + a.name() + " first";
            case REALTIME ->
                a.name() + " completed (op #" + a.completeIndex() + ") before " + b.name() + " was invoked (op #"
                        + b.invokeIndex() + ")";
        };
    }

    private String ww(Txn a, Txn b) {
        for (MicroOp m : a.micros()) {
            if (m instanceof MicroOp.Append ap) {
                AppendIndex.KeyIndex k = index.key(ap.key());
                Integer pos = k.position.get(ap.value());
                if (pos != null && pos + 1 < k.order.size()) {
                    Object next = k.order.get(pos + 1);
                    Txn w = index.writer(ap.key(), next);
                    if (w != null && w.id() == b.id()) {
                        return b.name() + " appended " + EdnWriter.write(next) + " to " + EdnWriter.write(ap.key())
                                + " right after " + a.name() + "'s " + EdnWriter.write(ap.value()) + " (as "
                                + EdnWriter.write(ap.key()) + " = " + EdnWriter.write(k.longest) + " shows)";
                    }
                }
            }
        }
        return b.name() + " appended to a key right after " + a.name();
    }

    private String wr(Txn a, Txn b) {
        for (MicroOp.Read r : AppendIndex.externalReads(b)) {
            if (!r.value().isEmpty()) {
                Txn w = index.writer(r.key(), r.value().getLast());
                if (w != null && w.id() == a.id()) {
                    return b.name() + " read " + EdnWriter.write(r.key()) + " = " + EdnWriter.write(r.value())
                            + ", which ends with " + a.name() + "'s append of "
                            + EdnWriter.write(r.value().getLast());
                }
            }
        }
        return b.name() + " read what " + a.name() + " appended";
    }

    private String rw(Txn a, Txn b) {
        for (MicroOp.Read r : AppendIndex.externalReads(a)) {
            Object next =
                    index.next(r.key(), r.value().isEmpty() ? null : r.value().getLast());
            Txn w = next == null ? null : index.writer(r.key(), next);
            if (w != null && Objects.equals(w.id(), b.id())) {
                return b.name() + " appended " + EdnWriter.write(next) + " to " + EdnWriter.write(r.key())
                        + " after " + a.name() + " read " + EdnWriter.write(r.key()) + " = "
                        + EdnWriter.write(r.value()) + " (" + a.name() + " did not see it)";
            }
        }
        return a.name() + " read a key before " + b.name() + " appended to it";
    }
}
