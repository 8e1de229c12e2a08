package io.faultline.checkers.cli;

import io.faultline.checkers.BankChecker;
import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Checker;
import io.faultline.checkers.CounterChecker;
import io.faultline.checkers.SetFullChecker;
import io.faultline.checkers.TotalQueueChecker;
import io.faultline.checkers.UniqueIdsChecker;
import io.faultline.checkers.causal.CausalChecker;
import io.faultline.checkers.causal.CausalModel;
import io.faultline.checkers.causal.RwHistory;
import io.faultline.checkers.edn.Keyword;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryReader;
import io.faultline.checkers.format.ReadLimits;
import io.faultline.checkers.format.ReadTimeoutException;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.model.Models;
import io.faultline.checkers.sequential.SequentialChecker;
import io.faultline.checkers.txn.ConsistencyModel;
import io.faultline.checkers.txn.ListAppendChecker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * The models {@code check} judges with a whole-history {@link Checker} rather than a linearizability model:
 * list-append (Elle), the causal models, Jepsen's datatype checkers, and sequential consistency ({@code sequential}
 * or {@code sequential:M} with a data model M). Reads a file the way each needs it.
 */
final class CheckerModels {
    static final List<String> NAMES = List.of(
            "list-append",
            "causal",
            "causal-convergence",
            "causal-memory",
            "set-full",
            "counter",
            "bank",
            "unique-ids",
            "total-queue",
            "sequential");

    /** {@code sequential:} followed by a linearizability model names the data model for sequential consistency. */
    static final String SEQUENTIAL_PREFIX = "sequential:";

    private CheckerModels() {}

    static boolean handles(@Nullable String model) {
        return model != null && (NAMES.contains(model) || model.startsWith(SEQUENTIAL_PREFIX));
    }

    /**
     * What the sequential-consistency check needs from the command line besides the file.
     *
     * @param initial the data model's initial value, or null for its default
     * @param semantics the chosen meaning of fail and nil, or null for the format's default
     * @param timeout the time allowed for the search
     * @param partition whether to check each key alone first
     */
    record SequentialSettings(
            @Nullable Object initial, @Nullable Semantics semantics, Duration timeout, boolean partition) {}

    /**
     * The data model {@code sequential:M} names, or null for plain {@code sequential} (guessed from the history).
     *
     * @throws IllegalArgumentException when M is not a linearizability model, naming those accepted
     */
    static @Nullable String sequentialDataModel(String model) {
        if (!model.startsWith(SEQUENTIAL_PREFIX)) {
            return null;
        }
        String data = model.substring(SEQUENTIAL_PREFIX.length());
        if (!Models.NAMES.contains(data)) {
            throw new IllegalArgumentException("sequential consistency needs a data model: sequential:M with M one of "
                    + String.join(", ", Models.NAMES) + ", but was '" + data + "'");
        }
        return data;
    }

    /**
     * A file read for one of these models, ready to check (again and again, for {@code --bench}).
     *
     * @param opCount lines of history (sessions' ops for the session-to-ops JSON)
     * @param truncation the ignored truncated last line, in lenient mode
     * @param check runs the checker on what was read
     */
    record Prepared(long opCount, @Nullable String truncation, Supplier<CheckResult> check) {}

    /**
     * @throws IllegalArgumentException for an unknown model or consistency model
     * @throws io.faultline.checkers.format.HistoryFormatException for unreadable input
     */
    static Prepared prepare(
            String model,
            Path file,
            @Nullable HistoryFormat format,
            boolean lenient,
            List<ConsistencyModel> consistencyModels,
            ReadLimits limits,
            SequentialSettings sequential) {
        if (model.equals("sequential") || model.startsWith(SEQUENTIAL_PREFIX)) {
            return sequential(model, file, format, lenient, limits, sequential);
        }
        if (model.startsWith("causal")) {
            CausalChecker checker = new CausalChecker(CausalModel.byLabel(model));
            if (format == null && RwHistory.isSessionJson(file)) {
                RwHistory h = RwHistory.readSessions(file);
                return new Prepared(h.ops().size(), null, () -> checker.check(h));
            }
            Ops ops = read(file, format, lenient, limits);
            RwHistory h = RwHistory.fromOps(ops.ops());
            return new Prepared(ops.ops().size(), ops.truncation(), () -> checker.check(h));
        }
        Ops ops = read(file, format, lenient, limits);
        Checker checker = switch (model) {
            case "list-append" -> new ListAppendChecker(consistencyModels);
            case "set-full" -> new SetFullChecker();
            case "counter" -> new CounterChecker();
            case "unique-ids" -> new UniqueIdsChecker();
            case "total-queue" -> new TotalQueueChecker();
            case "bank" -> bank(ops.ops());
            default -> throw new IllegalArgumentException("unknown model '" + model + "'");
        };
        return new Prepared(ops.ops().size(), ops.truncation(), () -> Checker.safely(checker, ops.ops()));
    }

    /**
     * The checker model a file most likely needs, or null when it is not one of these: {@code causal} for the
     * session-to-ops JSON, {@code list-append} for transactions of appends and reads.
     */
    static @Nullable String guess(Path file, @Nullable HistoryFormat format, ReadLimits limits) {
        if (format == null && RwHistory.isSessionJson(file)) {
            return "causal";
        }
        HistoryFormat actual = format != null ? format : Histories.detect(file);
        try (HistoryReader reader = Histories.open(file, actual, true, limits)) {
            Op op;
            for (int i = 0; i < 1000 && (op = reader.next()) != null; i++) {
                if (op.f().equals("txn") && op.value() instanceof List<?> micros) {
                    for (Object m : micros) {
                        if (m instanceof List<?> micro
                                && !micro.isEmpty()
                                && name(micro.getFirst()).equals("append")) {
                            return "list-append";
                        }
                    }
                }
            }
        } catch (ReadTimeoutException e) {
            throw e;
        } catch (RuntimeException e) {
            return null; // let the full read report what is wrong with the file
        }
        return null;
    }

    private record Ops(List<Op> ops, @Nullable String truncation) {}

    /**
     * Sequential consistency against the named data model, or the one the history's operations suggest. A history
     * that breaks a pairing rule is unreadable, as for the linearizability models.
     */
    private static Prepared sequential(
            String model,
            Path file,
            @Nullable HistoryFormat format,
            boolean lenient,
            ReadLimits limits,
            SequentialSettings settings) {
        String named = sequentialDataModel(model);
        Histories.Loaded loaded = Histories.load(file, format, lenient, limits);
        List<Operation> operations = loaded.history().operations();
        String data = named != null ? named : Models.guess(operations);
        Semantics semantics = settings.semantics() != null
                ? settings.semantics()
                : loaded.format().semantics();
        Model<?, ?> m = Models.byName(data, settings.initial(), semantics);
        SequentialChecker checker = new SequentialChecker(
                m,
                SequentialChecker.Options.defaults()
                        .withTimeout(settings.timeout())
                        .withPartition(settings.partition()));
        Supplier<CheckResult> check = () -> {
            try {
                return checker.judge(operations, semantics);
            } catch (RuntimeException | OutOfMemoryError e) {
                return CheckResult.unknown(checker.name(), "the checker failed: " + e);
            }
        };
        return new Prepared(loaded.history().opCount(), loaded.ignoredTruncation(), check);
    }

    private static Ops read(Path file, @Nullable HistoryFormat format, boolean lenient, ReadLimits limits) {
        HistoryFormat actual = format != null ? format : Histories.detect(file);
        List<Op> ops = new ArrayList<>();
        try (HistoryReader reader = Histories.open(file, actual, lenient, limits)) {
            for (Op op; (op = reader.next()) != null; ) {
                ops.add(op);
            }
            return new Ops(ops, reader.ignoredTruncation());
        }
    }

    /** The bank checker, its accounts and total taken from the first successful read (all reads must agree). */
    private static Checker bank(List<Op> ops) {
        for (Op op : ops) {
            if (op.type() == OpType.OK && op.f().equals("read") && op.value() instanceof Map<?, ?> balances) {
                Set<String> accounts = new LinkedHashSet<>();
                long total = 0;
                for (Map.Entry<?, ?> e : balances.entrySet()) {
                    accounts.add(name(e.getKey()));
                    total += e.getValue() instanceof Number n ? n.longValue() : 0;
                }
                return new BankChecker(accounts, total, false);
            }
        }
        return new Checker() {
            @Override
            public String name() {
                return "bank";
            }

            @Override
            public CheckResult check(List<Op> history) {
                return CheckResult.unknown(name(), "no read of the accounts completed: nothing to check");
            }
        };
    }

    private static String name(@Nullable Object o) {
        return o instanceof Keyword k ? k.name() : String.valueOf(o);
    }
}
