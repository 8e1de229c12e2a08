package io.faultline.checkers.txn;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Checker;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.linear.LinearizabilityChecker;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Elle's analysis of list-append transactions ({@code [[:append k v] [:r k [v ...]]]}): infers ww, wr and rw
 * dependencies from the order of appends that reads reveal, adds process and real-time order, finds the cycles
 * (G0, G1c, G-single-item, G2-item and their process and real-time variants) and the anomalies that need no cycle
 * (G1a, G1b, dirty update, lost update, duplicate elements, incompatible order, internal inconsistency), and says
 * which consistency models they rule out.
 *
 * <p>Invalid when an anomaly rules out one of the requested models (default strict serializable); unknown when none
 * does but there is nothing to judge by (no dependency between transactions), the input breaks a rule the analysis
 * needs (an element appended twice to a key), or the cycle search ran out of budget; valid otherwise. {@link
 * CheckResult#details()} is a {@link ListAppendAnalysis}.
 */
public final class ListAppendChecker implements Checker {
    /** Anomalies of one type kept in the details; the rest are counted. */
    public static final int EXAMPLES_PER_TYPE = 8;

    private static final long SEARCH_BUDGET = 200_000_000L;

    private final Set<ConsistencyModel> models;

    /** Checks for strict serializability. */
    public ListAppendChecker() {
        this(List.of(ConsistencyModel.STRICT_SERIALIZABLE));
    }

    /** Checks that none of {@code models} is ruled out. */
    public ListAppendChecker(Collection<ConsistencyModel> models) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("name at least one consistency model to check list-append against");
        }
        this.models = EnumSet.copyOf(models);
    }

    /**
     * Strict serializability, for callers of the former per-key linearizability checker; the analysis needs no
     * timeout.
     */
    public ListAppendChecker(LinearizabilityChecker.Options ignored) {
        this();
    }

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public CheckResult check(List<Op> history) {
        TxnHistory txns;
        AppendIndex index;
        try {
            txns = TxnHistory.of(history);
            index = new AppendIndex(txns.txns());
        } catch (IllegalArgumentException e) {
            return CheckResult.unknown(name(), "cannot analyse this history: " + e.getMessage());
        }
        List<Anomaly> found = new ArrayList<>(DirectAnomalies.find(index));
        DependencyGraph graph = Dependencies.infer(index);
        long[] start = txns.txns().stream().mapToLong(Txn::call).toArray();
        long[] end = txns.txns().stream().mapToLong(Txn::ret).toArray();
        CycleSearch.Result cycles = CycleSearch.find(graph, start, end, SEARCH_BUDGET);
        EdgeExplainer explainer = new EdgeExplainer(index);
        for (CycleSearch.Cycle c : cycles.cycles()) {
            found.add(explainer.explain(c));
        }
        if (graph.edges() == 0) {
            found.add(Anomaly.of(
                    AnomalyType.EMPTY_TRANSACTION_GRAPH,
                    List.of(),
                    "no transaction could be related to another: nothing was read, or nothing read was written by"
                            + " a committed transaction"));
        }
        return judge(found, txns.txns().size(), graph.edges(), cycles.exhausted());
    }

    private CheckResult judge(List<Anomaly> found, int transactions, int dependencies, boolean exhausted) {
        Map<AnomalyType, List<Anomaly>> byType = new EnumMap<>(AnomalyType.class);
        for (Anomaly a : found) {
            byType.computeIfAbsent(a.type(), t -> new ArrayList<>()).add(a);
        }
        Set<ConsistencyModel> impossible = ConsistencyModel.impossible(byType.keySet());
        Set<ConsistencyModel> not = ConsistencyModel.weakest(impossible);
        Set<ConsistencyModel> violated = EnumSet.noneOf(ConsistencyModel.class);
        violated.addAll(models);
        violated.retainAll(impossible);
        ListAppendAnalysis analysis = new ListAppendAnalysis(
                labels(models),
                byType.keySet().stream().map(AnomalyType::label).toList(),
                labels(not),
                impossible.stream()
                        .filter(m -> !not.contains(m))
                        .map(ConsistencyModel::label)
                        .toList(),
                byType.values().stream()
                        .flatMap(l -> l.stream().limit(EXAMPLES_PER_TYPE))
                        .toList(),
                byType.entrySet().stream()
                        .map(e -> new ListAppendAnalysis.Count(
                                e.getKey().label(), e.getValue().size()))
                        .toList(),
                transactions,
                dependencies,
                exhausted);
        String counts = byType.entrySet().stream()
                .map(e -> e.getKey().label()
                        + (e.getValue().size() > 1 ? " x" + e.getValue().size() : ""))
                .collect(Collectors.joining(", "));
        if (!violated.isEmpty()) {
            Anomaly worst = byType.values().stream()
                    .flatMap(List::stream)
                    .filter(a -> ConsistencyModel.impossible(List.of(a.type())).stream()
                            .anyMatch(violated::contains))
                    .findFirst()
                    .orElseThrow();
            return CheckResult.of(
                    name(),
                    Verdict.INVALID,
                    "not " + String.join(", ", labels(violated)) + ": found " + counts + "; ruled out: "
                            + String.join(", ", labels(not)) + " and everything stronger. " + worst.explanation(),
                    analysis);
        }
        String others = byType.isEmpty()
                ? ""
                : " (found " + counts + ", which " + String.join(", ", labels(models)) + " allows)";
        if (exhausted) {
            return CheckResult.of(
                    name(),
                    Verdict.UNKNOWN,
                    "the cycle search ran out of budget before it had looked everywhere" + others,
                    analysis);
        }
        if (dependencies == 0) {
            return CheckResult.of(
                    name(),
                    Verdict.UNKNOWN,
                    transactions + " transactions, but none could be related to another (nothing read?): the"
                            + " history proves nothing",
                    analysis);
        }
        return CheckResult.of(
                name(),
                Verdict.VALID,
                transactions + " transactions, " + dependencies + " dependencies, no anomaly that rules out "
                        + String.join(", ", labels(models)) + others,
                analysis);
    }

    private static List<String> labels(Collection<ConsistencyModel> ms) {
        return ms.stream().map(ConsistencyModel::label).toList();
    }
}
