package io.faultline.checkers.txn;

import io.faultline.checkers.edn.EdnWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What the appends and reads of a list-append history reveal, key by key: who appended each element, which element
 * the same transaction appended next, and the longest list any committed read returned (the key's version order as
 * far as the reads show it).
 */
final class AppendIndex {

    /** Per key. */
    static final class KeyIndex {
        /** Element -> the transaction that appended it (ok, info or failed). */
        final Map<Object, Integer> writer = new HashMap<>();
        /** Element -> the element the same transaction appended next to this key, when it appended another. */
        final Map<Object, Object> nextInTxn = new HashMap<>();
        /** The longest list a committed read returned, duplicates kept. */
        List<Object> longest = List.of();
        /** {@link #longest} without repeated elements (first occurrences): the version order the reads show. */
        List<Object> order = List.of();
        /** Element -> its position in {@link #order}. */
        final Map<Object, Integer> position = new HashMap<>();
    }

    final List<Txn> txns;
    final Map<Object, KeyIndex> keys = new LinkedHashMap<>();
    /** Committed reads that hold an element more than once: their order says nothing reliable. */
    final Set<MicroOp.Read> duplicateReads = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /**
     * @throws IllegalArgumentException when an element is appended twice to the same key: the analysis needs each
     *     element unique per key to tell who wrote what
     */
    AppendIndex(List<Txn> txns) {
        this.txns = txns;
        for (Txn t : txns) {
            Map<Object, Object> lastAppend = new HashMap<>();
            for (MicroOp m : t.micros()) {
                KeyIndex k = keys.computeIfAbsent(m.key(), x -> new KeyIndex());
                if (m instanceof MicroOp.Append a) {
                    Integer before = k.writer.putIfAbsent(a.value(), t.id());
                    if (before != null) {
                        throw new IllegalArgumentException(
                                "list-append needs each element appended at most once per key,"
                                        + " but " + EdnWriter.write(a.value()) + " is appended to "
                                        + EdnWriter.write(a.key())
                                        + " by " + txns.get(before).name() + " (op #"
                                        + txns.get(before).invokeIndex()
                                        + ") and " + t.name() + " (op #" + t.invokeIndex() + ")");
                    }
                    Object previous = lastAppend.put(a.key(), a.value());
                    if (previous != null) {
                        k.nextInTxn.put(previous, a.value());
                    }
                } else if (m instanceof MicroOp.Read r && t.status() == Txn.Status.OK && r.value() != null) {
                    if (r.value().size() > 1
                            && new java.util.HashSet<>(r.value()).size()
                                    < r.value().size()) {
                        duplicateReads.add(r);
                    }
                    if (r.value().size() > k.longest.size()) {
                        k.longest = r.value();
                    }
                }
            }
        }
        for (KeyIndex k : keys.values()) {
            List<Object> order = new ArrayList<>(k.longest.size());
            for (Object element : k.longest) {
                if (k.position.putIfAbsent(element, order.size()) == null) {
                    order.add(element);
                }
            }
            k.order = order;
        }
    }

    KeyIndex key(Object key) {
        return keys.get(key);
    }

    /** Who appended {@code element} to {@code key}, or null if nobody did. */
    @Nullable
    Txn writer(Object key, Object element) {
        KeyIndex k = keys.get(key);
        Integer w = k == null ? null : k.writer.get(element);
        return w == null ? null : txns.get(w);
    }

    /**
     * The element that follows {@code element} in {@code key}'s version order, or null when the reads do not show
     * it. Null {@code element} means the empty list: the next is the first element. An element its writer followed
     * with another append to the same key is followed by that one (a committed transaction's appends are
     * contiguous).
     */
    @Nullable
    Object next(Object key, @Nullable Object element) {
        KeyIndex k = keys.get(key);
        if (k == null) {
            return null;
        }
        if (element == null) {
            return k.order.isEmpty() ? null : k.order.getFirst();
        }
        Object sameTxn = k.nextInTxn.get(element);
        if (sameTxn != null) {
            return sameTxn;
        }
        Integer pos = k.position.get(element);
        return pos == null || pos + 1 >= k.order.size() ? null : k.order.get(pos + 1);
    }

    /**
     * The reads of a transaction that show state from outside it: those of a key before its own first append to
     * that key.
     */
    static List<MicroOp.Read> externalReads(Txn t) {
        List<MicroOp.Read> out = new ArrayList<>();
        java.util.Set<Object> written = new java.util.HashSet<>();
        for (MicroOp m : t.micros()) {
            if (m instanceof MicroOp.Append a) {
                written.add(a.key());
            } else if (m instanceof MicroOp.Read r && r.value() != null && !written.contains(r.key())) {
                out.add(r);
            }
        }
        return out;
    }
}
