package io.faultline.checkers.causal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the session guarantees on a differentiated history with an acyclic causal order. Walking each session, it
 * collects the writes the session must see from then on (its own writes; the sources of its reads; the writes its
 * sources' sessions made before them; what those sessions had read before them), each under the guarantee that
 * demands it. A later read of the same key violates that guarantee if it returns the initial value, or a write that
 * is causally older than a write it must see.
 */
final class SessionGuarantees {
    private final CausalOrder co;

    SessionGuarantees(CausalOrder co) {
        this.co = co;
    }

    private record MustSee(SessionGuarantee guarantee, int write, int cause) {}

    Map<SessionGuarantee, List<Violation>> check() {
        Map<SessionGuarantee, List<Violation>> out = new EnumMap<>(SessionGuarantee.class);
        for (SessionGuarantee g : SessionGuarantee.values()) {
            out.put(g, new ArrayList<>());
        }
        List<RwOp> ops = co.history.ops();
        int sessions = co.history.sessions().size();
        int[] firstOf = new int[sessions];
        java.util.Arrays.fill(firstOf, -1);
        for (RwOp op : ops) {
            if (firstOf[op.session()] < 0) {
                firstOf[op.session()] = op.id();
            }
        }
        for (int t = 0; t < sessions; t++) {
            Map<Object, Set<MustSee>> must = new HashMap<>();
            int[] includedUpTo = new int[sessions];
            java.util.Arrays.fill(includedUpTo, -1);
            for (int i = firstOf[t]; i >= 0 && i < ops.size() && ops.get(i).session() == t; i++) {
                RwOp op = ops.get(i);
                if (op.write()) {
                    add(must, SessionGuarantee.READ_YOUR_WRITES, op.id(), op.id());
                    continue;
                }
                judge(op, must.getOrDefault(op.key(), Set.of()), out);
                RwOp source = co.source(op);
                if (source == null) {
                    continue;
                }
                add(must, SessionGuarantee.MONOTONIC_READS, source.id(), op.id());
                int s = source.session();
                if (s != t) {
                    for (int j = Math.max(firstOf[s], includedUpTo[s] + 1); j < source.id(); j++) {
                        RwOp earlier = ops.get(j);
                        if (earlier.write()) {
                            add(must, SessionGuarantee.MONOTONIC_WRITES, j, op.id());
                        } else if (co.source(earlier) != null) {
                            add(
                                    must,
                                    SessionGuarantee.WRITES_FOLLOW_READS,
                                    co.source(earlier).id(),
                                    op.id());
                        }
                    }
                    includedUpTo[s] = Math.max(includedUpTo[s], source.id() - 1);
                }
            }
        }
        return out;
    }

    private void add(Map<Object, Set<MustSee>> must, SessionGuarantee g, int write, int cause) {
        must.computeIfAbsent(co.op(write).key(), k -> new LinkedHashSet<>()).add(new MustSee(g, write, cause));
    }

    private void judge(RwOp read, Set<MustSee> must, Map<SessionGuarantee, List<Violation>> out) {
        RwOp source = co.source(read);
        if (source == null && read.value() != null) {
            return; // a thin-air read: reported as a bad pattern
        }
        for (MustSee m : must) {
            List<Violation> list = out.get(m.guarantee());
            if (list.size() >= BadPatterns.LIMIT || (source != null && source.id() == m.write())) {
                continue;
            }
            if (source == null || co.before(source.id(), m.write())) {
                RwOp w = co.op(m.write());
                RwOp cause = co.op(m.cause());
                String seen = source == null ? "the initial value" : source.describe();
                list.add(Violation.of(
                        m.guarantee().label(),
                        cause.id() == w.id() ? List.of(w, read) : List.of(w, cause, read),
                        read + " returned " + seen + ", older than " + w + ", which session "
                                + co.history.sessions().get(read.session()) + " must see by "
                                + m.guarantee().label()
                                + (cause.id() == w.id() ? " (its own write)" : " (because of " + cause + ")")));
            }
        }
    }
}
