package io.faultline.checkers.txn;

import io.faultline.checkers.edn.EdnWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The anomalies a list-append history shows without a dependency cycle: aborted reads (G1a), intermediate reads
 * (G1b), dirty updates, duplicate elements, incompatible orders, internal inconsistency and lost updates.
 */
final class DirectAnomalies {
    private final AppendIndex index;
    private final List<Anomaly> found = new ArrayList<>();
    private final Set<Object> incompatibleKeys = new HashSet<>();

    private DirectAnomalies(AppendIndex index) {
        this.index = index;
    }

    static List<Anomaly> find(AppendIndex index) {
        DirectAnomalies d = new DirectAnomalies(index);
        for (Txn t : index.txns) {
            if (t.status() == Txn.Status.OK) {
                d.reads(t);
                d.internal(t);
            }
        }
        d.perKey();
        d.lostUpdates();
        return d.found;
    }

    private void reads(Txn t) {
        for (MicroOp m : t.micros()) {
            if (!(m instanceof MicroOp.Read r) || r.value() == null) {
                continue;
            }
            incompatible(t, r);
            if (index.duplicateReads.contains(r)) {
                found.add(Anomaly.of(
                        AnomalyType.DUPLICATE_ELEMENTS,
                        List.of(t),
                        t.name() + " read " + show(r) + ", which holds an element more than once"));
            }
            for (Object e : r.value()) {
                Txn w = index.writer(r.key(), e);
                if (w != null && w.status() == Txn.Status.FAIL) {
                    found.add(Anomaly.of(
                            AnomalyType.G1A,
                            List.of(t, w),
                            t.name() + " read " + show(r) + ", but " + EdnWriter.write(e) + " was appended by "
                                    + w.name() + ", which failed (aborted read)"));
                    break;
                }
            }
        }
        for (MicroOp.Read r : AppendIndex.externalReads(t)) {
            if (r.value().isEmpty()) {
                continue;
            }
            Object last = r.value().getLast();
            Txn w = index.writer(r.key(), last);
            Object after = index.key(r.key()).nextInTxn.get(last);
            if (w != null && w.id() != t.id() && w.status() != Txn.Status.FAIL && after != null) {
                found.add(Anomaly.of(
                        AnomalyType.G1B,
                        List.of(t, w),
                        t.name() + " read " + EdnWriter.write(r.key()) + " = " + EdnWriter.write(r.value())
                                + ", ending in " + EdnWriter.write(last) + ", an intermediate state of " + w.name()
                                + ", which went on to append " + EdnWriter.write(after) + " (intermediate read)"));
            }
        }
    }

    private static String show(MicroOp.Read r) {
        return EdnWriter.write(r.key()) + " = " + EdnWriter.write(r.value());
    }

    /** A transaction's reads must agree with its own earlier reads and appends of the same key. */
    private void internal(Txn t) {
        record Seen(List<Object> prefix, boolean known) {}
        Map<Object, Seen> seen = new HashMap<>();
        for (MicroOp m : t.micros()) {
            Seen s = seen.getOrDefault(m.key(), new Seen(List.of(), false));
            if (m instanceof MicroOp.Append a) {
                List<Object> longer = new ArrayList<>(s.prefix());
                longer.add(a.value());
                seen.put(m.key(), new Seen(longer, s.known()));
            } else if (m instanceof MicroOp.Read r && r.value() != null) {
                List<Object> v = r.value();
                boolean ok = s.known()
                        ? v.equals(s.prefix())
                        : v.size() >= s.prefix().size()
                                && v.subList(v.size() - s.prefix().size(), v.size())
                                        .equals(s.prefix());
                if (!ok) {
                    String expected =
                            s.known() ? EdnWriter.write(s.prefix()) : "a list ending in " + EdnWriter.write(s.prefix());
                    found.add(Anomaly.of(
                            AnomalyType.INTERNAL,
                            List.of(t),
                            t.name() + " read " + EdnWriter.write(r.key()) + " = " + EdnWriter.write(v)
                                    + ", but its own earlier steps on that key mean it should have read " + expected));
                }
                seen.put(m.key(), new Seen(v, true));
            }
        }
    }

    private void perKey() {
        for (Map.Entry<Object, AppendIndex.KeyIndex> e : index.keys.entrySet()) {
            Object key = e.getKey();
            List<Object> longest = e.getValue().longest;
            Txn failed = null;
            Object failedElement = null;
            for (Object element : longest) {
                Txn w = index.writer(key, element);
                if (w == null) {
                    continue;
                }
                if (w.status() == Txn.Status.FAIL && failed == null) {
                    failed = w;
                    failedElement = element;
                } else if (w.status() != Txn.Status.FAIL && failed != null) {
                    found.add(Anomaly.of(
                            AnomalyType.DIRTY_UPDATE,
                            List.of(failed, w),
                            EdnWriter.write(key) + " = " + EdnWriter.write(longest) + " shows " + w.name()
                                    + "'s append of " + EdnWriter.write(element) + " after "
                                    + EdnWriter.write(failedElement) + ", appended by " + failed.name()
                                    + ", which failed: a committed write built on an aborted one (dirty update)"));
                    break;
                }
            }
        }
    }

    /** Every committed read of a key must be a prefix of the longest: one timeline per key. */
    private void incompatible(Txn t, MicroOp.Read r) {
        List<Object> longest = index.key(r.key()).longest;
        if (!longest.subList(0, r.value().size()).equals(r.value()) && incompatibleKeys.add(r.key())) {
            found.add(Anomaly.of(
                    AnomalyType.INCOMPATIBLE_ORDER,
                    List.of(t),
                    t.name() + " read " + EdnWriter.write(r.key()) + " = " + EdnWriter.write(r.value())
                            + ", which is not a prefix of " + EdnWriter.write(longest)
                            + ", read elsewhere: the two cannot come from one order of appends"));
        }
    }

    /** Two committed transactions that read the same version of a key and then both appended to it. */
    private void lostUpdates() {
        record Version(Object key, Object last) {}
        Map<Version, Txn> firstReader = new HashMap<>();
        Set<Version> reported = new HashSet<>();
        for (Txn t : index.txns) {
            if (t.status() != Txn.Status.OK) {
                continue;
            }
            Set<Object> appended = new HashSet<>();
            for (MicroOp m : t.micros()) {
                if (m instanceof MicroOp.Append a) {
                    appended.add(a.key());
                }
            }
            Set<Object> readKeys = new HashSet<>();
            for (MicroOp.Read r : AppendIndex.externalReads(t)) {
                if (!appended.contains(r.key()) || !readKeys.add(r.key())) {
                    continue;
                }
                Version v = new Version(
                        r.key(), r.value().isEmpty() ? List.of() : r.value().getLast());
                Txn other = firstReader.putIfAbsent(v, t);
                if (other != null && reported.add(v)) {
                    found.add(Anomaly.of(
                            AnomalyType.LOST_UPDATE,
                            List.of(other, t),
                            other.name() + " and " + t.name() + " both read " + EdnWriter.write(r.key()) + " = "
                                    + EdnWriter.write(r.value()) + " and both appended to it: one update is lost"
                                    + " (lost update)"));
                }
            }
        }
    }
}
