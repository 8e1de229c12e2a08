package io.faultline.checkers.sequential;

import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Checker;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.HistoryPairer;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.Partition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Sequential consistency (Lamport): a history is sequentially consistent with respect to a {@link Model} when some
 * total order of its operations respects each process's program order and the model. Unlike linearizability there
 * is no real-time constraint: an operation may be ordered before one that completed before it was invoked, as long
 * as both come from different processes.
 *
 * <p>Sequential consistency is not a local property (Herlihy and Wing): every key of a history may be sequentially
 * consistent on its own while the history is not. So the model's partition is used only as a quick necessary
 * condition: a part with no order makes the history invalid at once. The verdict valid comes only from one search
 * over all parts together, whose state is one model state per part.
 */
public final class SequentialChecker implements Checker {

    /**
     * @param timeout the time allowed for the whole history
     * @param partition whether to check each of the model's parts alone first (a fast way to find an invalid part)
     * @param maxStates a bound on the memoised search states per search; reaching it gives unknown
     */
    public record Options(Duration timeout, boolean partition, long maxStates) {
        public Options {
            Objects.requireNonNull(timeout, "timeout");
            if (maxStates < 1) {
                throw new IllegalArgumentException("the state budget must be at least 1 but was " + maxStates);
            }
        }

        public static Options defaults() {
            return new Options(Duration.ofSeconds(60), true, 10_000_000L);
        }

        public Options withTimeout(Duration t) {
            return new Options(t, partition, maxStates);
        }

        public Options withPartition(boolean p) {
            return new Options(timeout, p, maxStates);
        }

        public Options withMaxStates(long m) {
            return new Options(timeout, partition, m);
        }
    }

    private final Model<?, ?> model;
    private final Options options;

    public SequentialChecker(Model<?, ?> model, Options options) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
    }

    @Override
    public String name() {
        return "sequential";
    }

    @Override
    public CheckResult check(List<Op> history) {
        return judge(HistoryPairer.pair(history).operations(), null);
    }

    /**
     * Judges operations already paired (in invocation order).
     *
     * @param semantics the meaning of fail and nil the model was built with, named in the summary; null to leave it
     *     out
     */
    public CheckResult judge(List<Operation> operations, @Nullable Semantics semantics) {
        SequentialResult r = check(model, operations, options);
        String applied = semantics == null ? "" : " (semantics " + semantics.label() + ")";
        String summary = switch (r.verdict()) {
            case VALID ->
                r.operations() + " operations of model " + r.model() + " have a total order that respects each"
                        + " process's program order";
            case INVALID -> Objects.requireNonNull(r.counterexample()).explanation();
            case UNKNOWN -> "undecided: " + r.cause();
        };
        return CheckResult.of(name(), r.verdict(), summary + applied, r);
    }

    /** Judges paired operations (in invocation order) against {@code model}. */
    public static <S, C> SequentialResult check(Model<S, C> model, List<Operation> operations, Options options) {
        long deadline = System.nanoTime() + options.timeout().toNanos();
        List<Partition> partitions =
                options.partition() ? model.partition(operations) : List.of(new Partition("", operations));
        List<String> keys = partitions.stream().map(Partition::key).toList();
        List<List<SequentialSearch.Entry<C>>> perPart = new ArrayList<>();
        List<SequentialSearch.Entry<C>> all = new ArrayList<>();
        for (int i = 0; i < partitions.size(); i++) {
            List<SequentialSearch.Entry<C>> entries = new ArrayList<>();
            for (Operation op : partitions.get(i).operations()) {
                C call = model.call(op);
                if (call != null) {
                    entries.add(new SequentialSearch.Entry<>(op, call, 0));
                    all.add(new SequentialSearch.Entry<>(op, call, i));
                }
            }
            perPart.add(entries);
        }
        Explainer<S> explainer = new Explainer<>(model, keys);
        long explored = 0;
        if (partitions.size() > 1) {
            for (int i = 0; i < partitions.size(); i++) {
                SequentialSearch.Outcome o = run(new SequentialSearch<>(model, perPart.get(i), 1), deadline, options);
                explored += explored(o);
                if (o instanceof SequentialSearch.Inconsistent bad) {
                    return new SequentialResult(
                            Verdict.INVALID,
                            model.name(),
                            all.size(),
                            partitions.size(),
                            explored,
                            explainer.explain(keys.get(i), bad, perPart.get(i).size(), true),
                            null);
                }
            }
        }
        SequentialSearch.Outcome o = run(new SequentialSearch<>(model, all, partitions.size()), deadline, options);
        explored += explored(o);
        return switch (o) {
            case SequentialSearch.Consistent c ->
                new SequentialResult(Verdict.VALID, model.name(), all.size(), partitions.size(), explored, null, null);
            case SequentialSearch.Inconsistent bad ->
                new SequentialResult(
                        Verdict.INVALID,
                        model.name(),
                        all.size(),
                        partitions.size(),
                        explored,
                        explainer.explain("", bad, all.size(), partitions.size() == 1),
                        null);
            case SequentialSearch.Aborted a ->
                new SequentialResult(
                        Verdict.UNKNOWN,
                        model.name(),
                        all.size(),
                        partitions.size(),
                        explored,
                        null,
                        budgetCause(a, options, all.size()));
        };
    }

    /** Runs one search; running out of heap is one more budget, never a crash. */
    private static SequentialSearch.Outcome run(SequentialSearch<?, ?> search, long deadline, Options options) {
        try {
            return search.run(deadline, options.maxStates());
        } catch (OutOfMemoryError e) {
            return new SequentialSearch.Aborted("memory", 0, 0);
        }
    }

    private static long explored(SequentialSearch.Outcome o) {
        return switch (o) {
            case SequentialSearch.Consistent c -> c.explored();
            case SequentialSearch.Inconsistent i -> i.explored();
            case SequentialSearch.Aborted a -> a.explored();
        };
    }

    private static String budgetCause(SequentialSearch.Aborted a, Options options, int total) {
        if (a.cause().equals("memory")) {
            return "out of memory: the heap ran out during the search of " + total
                    + " operations (give it a larger heap or a smaller state budget)";
        }
        String budget = a.cause().equals("time")
                ? "the time budget of " + describe(options.timeout()) + " ran out"
                : "the state budget of " + options.maxStates() + " memoised states ran out";
        return budget + " after exploring " + a.explored() + " states; the longest order found placed "
                + a.longestPlaced() + " of " + total + " operations";
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
