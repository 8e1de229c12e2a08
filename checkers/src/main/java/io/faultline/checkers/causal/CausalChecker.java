package io.faultline.checkers.causal;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Checker;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides causal consistency (CC), causal convergence (CCv) or causal memory (CM) of a read/write register history
 * by the bad patterns of Bouajjani et al. (POPL 2017), in polynomial time for differentiated histories (each value
 * written at most once per key). Sessions are client processes. The session guarantees get their own verdicts in
 * the details ({@link CausalAnalysis}).
 *
 * <p>Invalid when a bad pattern the model forbids is present; unknown when the history is not differentiated (a
 * read would not say which write it saw, and the problem is NP-hard in general: we refuse rather than guess) or
 * has no read; valid otherwise.
 */
public final class CausalChecker implements Checker {
    private final CausalModel model;

    public CausalChecker(CausalModel model) {
        this.model = model;
    }

    @Override
    public String name() {
        return model.label();
    }

    @Override
    public CheckResult check(List<Op> history) {
        RwHistory h;
        try {
            h = RwHistory.fromOps(history);
        } catch (IllegalArgumentException e) {
            return CheckResult.unknown(name(), "cannot read this history as registers: " + e.getMessage());
        }
        return check(h);
    }

    /** Checks a history already grouped by session. */
    public CheckResult check(RwHistory h) {
        CausalOrder co;
        try {
            co = CausalOrder.of(h);
        } catch (NotDifferentiatedException e) {
            return CheckResult.of(
                    name(), Verdict.UNKNOWN, e.getMessage() + "; not checked", analysis(h, List.of(), List.of()));
        }
        List<Violation> found = BadPatterns.find(co);
        List<CausalAnalysis.Guarantee> guarantees = new ArrayList<>();
        if (co.after == null) {
            for (SessionGuarantee g : SessionGuarantee.values()) {
                guarantees.add(new CausalAnalysis.Guarantee(g.label(), "unknown", List.of()));
            }
        } else {
            for (Map.Entry<SessionGuarantee, List<Violation>> e :
                    new SessionGuarantees(co).check().entrySet()) {
                guarantees.add(new CausalAnalysis.Guarantee(
                        e.getKey().label(), e.getValue().isEmpty() ? "valid" : "invalid", e.getValue()));
            }
        }
        CausalAnalysis analysis = analysis(h, found, guarantees);
        Set<String> forbidden = new LinkedHashSet<>();
        model.forbids().forEach(p -> forbidden.add(p.label()));
        List<Violation> breaking =
                found.stream().filter(v -> forbidden.contains(v.pattern())).toList();
        if (!breaking.isEmpty()) {
            return CheckResult.of(
                    name(),
                    Verdict.INVALID,
                    "not " + model.label() + ": " + String.join(", ", analysis.anomalyTypes()) + ". "
                            + breaking.getFirst().explanation(),
                    analysis);
        }
        if (h.ops().stream().noneMatch(op -> !op.write())) {
            return CheckResult.of(name(), Verdict.UNKNOWN, "no read: the history proves nothing", analysis);
        }
        String others = found.isEmpty()
                ? ""
                : " (found " + String.join(", ", analysis.anomalyTypes()) + ", which " + model.label() + " allows)";
        return CheckResult.of(
                name(),
                Verdict.VALID,
                h.ops().size() + " operations in " + h.sessions().size() + " sessions, no bad pattern of "
                        + model.label() + others,
                analysis);
    }

    private CausalAnalysis analysis(RwHistory h, List<Violation> found, List<CausalAnalysis.Guarantee> guarantees) {
        Set<String> seen = new java.util.HashSet<>();
        found.forEach(v -> seen.add(v.pattern()));
        Set<String> types = new LinkedHashSet<>();
        for (BadPattern p : BadPattern.values()) {
            if (seen.contains(p.label())) {
                types.add(p.label());
            }
        }
        List<String> not = new ArrayList<>();
        for (CausalModel m : CausalModel.values()) {
            if (m.forbids().stream().anyMatch(p -> types.contains(p.label()))) {
                not.add(m.label());
            }
        }
        guarantees.stream().filter(g -> g.verdict().equals("invalid")).forEach(g -> not.add(g.name()));
        return new CausalAnalysis(
                model.label(),
                List.copyOf(types),
                not,
                found,
                guarantees,
                h.sessions().size(),
                h.ops().size());
    }
}
