package io.faultline.checkers.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.faultline.checkers.CheckResult;
import io.faultline.checkers.Verdict;
import io.faultline.checkers.edn.EdnParseException;
import io.faultline.checkers.edn.EdnReader;
import io.faultline.checkers.edn.Symbol;
import io.faultline.checkers.format.Histories;
import io.faultline.checkers.format.HistoryFormat;
import io.faultline.checkers.format.HistoryFormatException;
import io.faultline.checkers.format.ReadLimits;
import io.faultline.checkers.format.ReadTimeoutException;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.Semantics;
import io.faultline.checkers.linear.LinearizabilityChecker;
import io.faultline.checkers.linear.LinearizabilityResult;
import io.faultline.checkers.linear.Model;
import io.faultline.checkers.linear.ModelMismatchException;
import io.faultline.checkers.linear.model.Models;
import io.faultline.checkers.txn.ConsistencyModel;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code faultline check}: is each history linearizable with respect to a model? */
@Command(
        name = "check",
        description = {
            "Check histories from any tool against a consistency model.",
            "",
            "Linearizability against a model (Wing & Gong / Lowe search, split by key), transactional anomalies of"
                    + " list-append (Elle), causal consistency, or Jepsen's datatype checkers."
        },
        mixinStandardHelpOptions = true,
        exitCodeOnInvalidInput = CheckCommand.EXIT_BAD_INPUT,
        exitCodeOnExecutionException = 255,
        footer = {
            "",
            "Exit: 0 all valid, 1 any invalid, 2 any unknown (none invalid), 254 bad arguments or unreadable input."
        })
public final class CheckCommand implements Callable<Integer> {
    static final int EXIT_BAD_INPUT = 254;

    @Option(
            names = "--model",
            paramLabel = "M",
            description = "Linearizability: register, cas-register, kv, multi-register, set, queue, mutex."
                    + " Others: list-append, causal, causal-convergence, causal-memory, set-full, counter, bank,"
                    + " unique-ids, total-queue; sequential (sequential consistency, its data model guessed as below)"
                    + " or sequential:M with M a linearizability model. Default: guessed from the history (causal for session JSON,"
                    + " list-append for append transactions, kv when ops have a key, else by f, else cas-register).")
    @Nullable
    String model;

    @Option(
            names = "--initial",
            paramLabel = "V",
            description = "Initial value as EDN (default nil; for kv the value of a missing key, default \"\").")
    @Nullable
    String initial;

    @Option(
            names = "--format",
            defaultValue = "auto",
            description = "auto, jsonl, edn or jepsen-log (default: ${DEFAULT-VALUE}).")
    String format = "auto";

    @Option(
            names = "--semantics",
            defaultValue = "auto",
            paramLabel = "S",
            description = "What fail and nil mean to the register models: jepsen (a failed op, a failed cas included,"
                    + " did not happen; a nil read learnt nothing) or porcupine (a failed cas returned false; a nil"
                    + " read is a read of nil). Default auto: jepsen for edn, porcupine for jepsen-log and jsonl.")
    String semantics = "auto";

    @Option(
            names = "--timeout",
            defaultValue = "60s",
            converter = DurationConverter.class,
            description = "Time allowed per file, e.g. 500ms, 60s, 2m (default: ${DEFAULT-VALUE}).")
    Duration timeout = Duration.ofSeconds(60);

    @Option(names = "--json", description = "Print one JSON object per file.")
    boolean json;

    @Option(
            names = "--bench",
            description = "Check each file repeatedly after a warm-up; print the median and the total of medians.")
    boolean bench;

    @Option(
            names = "--bench-runs",
            defaultValue = "15",
            paramLabel = "N",
            description = "Measured runs per file with --bench (default: ${DEFAULT-VALUE}).")
    int benchRuns = 15;

    @Option(names = "--no-partition", description = "Check partitionable models (such as kv) as one partition.")
    boolean noPartition;

    @Option(
            names = "--consistency-models",
            paramLabel = "M1,M2",
            split = ",",
            description = "For list-append: the models the history must satisfy (default: strict-serializable).")
    List<String> consistencyModels = new ArrayList<>(List.of("strict-serializable"));

    @Option(names = "--lenient", description = "Ignore a truncated last line (a run killed mid-write).")
    boolean lenient;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "History files.")
    List<Path> files = new ArrayList<>();

    @Spec
    @Nullable
    CommandSpec spec;

    private List<ConsistencyModel> transactional = List.of(ConsistencyModel.STRICT_SERIALIZABLE);
    private @Nullable Semantics chosenSemantics;

    public static void main(String[] args) {
        System.exit(new CommandLine(new CheckCommand()).execute(args));
    }

    @Override
    public Integer call() {
        PrintWriter out = spec().commandLine().getOut();
        PrintWriter err = spec().commandLine().getErr();
        HistoryFormat fmt;
        Object initialValue;
        try {
            fmt = format.equalsIgnoreCase("auto") ? null : HistoryFormat.parse(format);
            initialValue = initial == null ? null : parseInitial(initial);
            chosenSemantics = semantics.equalsIgnoreCase("auto") ? null : Semantics.parse(semantics);
            if (model != null && !CheckerModels.handles(model) && !Models.NAMES.contains(model)) {
                throw new IllegalArgumentException("unknown model '" + model + "': expected a linearizability model ("
                        + String.join(", ", Models.NAMES) + ") or a whole-history checker ("
                        + String.join(", ", CheckerModels.NAMES) + ")");
            }
            if (model != null && !CheckerModels.handles(model)) {
                Models.byName(model, initialValue); // the initial value must suit the model
            }
            if (model != null) {
                String data = CheckerModels.sequentialDataModel(model);
                if (data != null) {
                    Models.byName(data, initialValue); // the initial value must suit the data model
                }
            }
            transactional =
                    consistencyModels.stream().map(ConsistencyModel::byLabel).toList();
            if (bench && benchRuns < 1) {
                throw new IllegalArgumentException("--bench-runs must be 1 or more");
            }
        } catch (IllegalArgumentException e) {
            err.println("check: " + e.getMessage());
            err.flush();
            return EXIT_BAD_INPUT;
        }
        LinearizabilityChecker.Options options =
                LinearizabilityChecker.Options.defaults().withTimeout(timeout).withPartition(!noPartition);
        Verdict overall = Verdict.VALID;
        boolean badInput = false;
        double totalMedian = 0;
        List<Future<FileOutcome>> pending = bench ? new ArrayList<>() : checkInParallel(fmt, initialValue, options);
        for (int i = 0; i < files.size(); i++) {
            String name = files.get(i).toString();
            FileOutcome outcome =
                    bench ? checkFile(files.get(i), fmt, initialValue, options) : await(pending.set(i, null));
            switch (outcome) {
                case Unreadable u -> {
                    badInput = true;
                    reportBad(out, err, name, u.message());
                }
                case Judged j -> {
                    overall = overall.merge(j.result().verdict());
                    if (bench) {
                        Bench.Figures figures = Bench.measure(() -> j.again().get(), benchRuns);
                        totalMedian += figures.medianMs();
                        printBench(out, name, j.result().verdict(), figures);
                    } else {
                        JudgedOutput.print(out, json, name, j);
                    }
                }
                case Checked c -> {
                    overall = overall.merge(c.result().verdict());
                    if (bench) {
                        Bench.Figures figures = Bench.measure(c.model(), c.operations(), options, benchRuns);
                        totalMedian += figures.medianMs();
                        printBench(out, name, c.result().verdict(), figures);
                    } else {
                        LinearOutput.print(out, json, name, c);
                    }
                }
            }
            out.flush();
        }
        if (bench) {
            String total = String.format(Locale.ROOT, "%.3f", totalMedian);
            if (json) {
                out.println("{\"total_median_ms\": " + total + "}");
            } else {
                out.println("total of medians: " + total + " ms (" + files.size() + " files)");
            }
        }
        out.flush();
        err.flush();
        return badInput ? EXIT_BAD_INPUT : overall.exitCode();
    }

    /** What became of one file. */
    sealed interface FileOutcome permits Checked, Judged, Unreadable {}

    /**
     * A file judged by a whole-history checker; {@code again} re-runs the check on what was read (kept only for
     * {@code --bench}).
     */
    record Judged(
            String model,
            long opCount,
            @Nullable String truncation,
            CheckResult result,
            long elapsedMs,
            java.util.function.Supplier<CheckResult> again)
            implements FileOutcome {}

    /**
     * A checked file; {@code operations} are kept only for {@code --bench}, so that checking many large files side by
     * side does not keep them all in memory.
     */
    record Checked(
            long opCount,
            List<String> warnings,
            Semantics semantics,
            Model<?, ?> model,
            List<Operation> operations,
            LinearizabilityResult result,
            long elapsedMs)
            implements FileOutcome {}

    private record Unreadable(String message) implements FileOutcome {}

    /** Checks the files side by side (as many at a time as there are cores); results are printed in file order. */
    private List<Future<FileOutcome>> checkInParallel(
            @Nullable HistoryFormat fmt, @Nullable Object initialValue, LinearizabilityChecker.Options options) {
        int threads = Math.max(1, Math.min(files.size(), Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "faultline-check-file");
            t.setDaemon(true);
            return t;
        });
        List<Future<FileOutcome>> futures = new ArrayList<>(files.size());
        for (Path file : files) {
            futures.add(pool.submit(() -> checkFile(file, fmt, initialValue, options)));
        }
        pool.shutdown();
        return futures;
    }

    private static FileOutcome await(Future<FileOutcome> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    private FileOutcome checkFile(
            Path file,
            @Nullable HistoryFormat fmt,
            @Nullable Object initialValue,
            LinearizabilityChecker.Options options) {
        String name = file.toString();
        long start = System.nanoTime();
        ReadLimits limits = ReadLimits.DEFAULT.within(timeout);
        try {
            Histories.requireRegularFile(file, limits);
            String judged = model != null ? model : CheckerModels.guess(file, fmt, limits);
            if (CheckerModels.handles(judged)) {
                CheckerModels.Prepared p = CheckerModels.prepare(
                        judged,
                        file,
                        fmt,
                        lenient,
                        transactional,
                        limits,
                        new CheckerModels.SequentialSettings(initialValue, chosenSemantics, timeout, !noPartition));
                CheckResult r = p.check().get();
                long elapsedMs = (System.nanoTime() - start) / 1_000_000;
                return new Judged(judged, p.opCount(), p.truncation(), r, elapsedMs, bench ? p.check() : () -> r);
            }
            Histories.Loaded loaded = Histories.load(file, fmt, lenient, limits);
            String modelName =
                    model != null ? model : Models.guess(loaded.history().operations());
            Semantics sem =
                    chosenSemantics != null ? chosenSemantics : loaded.format().semantics();
            Model<?, ?> m = Models.byName(modelName, initialValue, sem);
            LinearizabilityResult r =
                    ReadBudget.checkInTimeLeft(m, loaded.history().operations(), options, start);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            return new Checked(
                    loaded.history().opCount(),
                    loaded.warnings(),
                    sem,
                    m,
                    bench ? loaded.history().operations() : List.of(),
                    r,
                    elapsedMs);
        } catch (ReadTimeoutException e) {
            return unknownWhileReading(e.cause(), start, fmt, initialValue);
        } catch (OutOfMemoryError e) {
            return unknownWhileReading(
                    "out of memory while reading (a history this large needs a larger heap)", start, fmt, initialValue);
        } catch (HistoryFormatException e) {
            return new Unreadable(e.getMessage());
        } catch (ModelMismatchException e) {
            return new Unreadable(name + ":" + e.line() + ": " + e.getMessage());
        } catch (EdnParseException | UncheckedIOException | IllegalArgumentException e) {
            // IllegalArgumentException: a value the model cannot read (the message names the op).
            return new Unreadable(name + ": " + e.getMessage());
        }
    }

    /** The verdict on a file whose reading ran out of time or memory: unknown, with the cause. */
    private FileOutcome unknownWhileReading(
            String cause, long start, @Nullable HistoryFormat fmt, @Nullable Object initialValue) {
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;
        String judged = model != null ? model : "none";
        if (CheckerModels.handles(judged)) {
            CheckResult r = CheckResult.unknown(judged, cause);
            return new Judged(judged, 0, null, r, elapsedMs, () -> r);
        }
        Semantics sem = chosenSemantics != null ? chosenSemantics : fmt != null ? fmt.semantics() : Semantics.JEPSEN;
        Model<?, ?> m = Models.byName(model != null ? model : "cas-register", initialValue, sem);
        LinearizabilityResult r = new LinearizabilityResult(Verdict.UNKNOWN, judged, 0, List.of(), null, cause);
        return new Checked(0, List.of(), sem, m, List.of(), r, elapsedMs);
    }

    private void printBench(PrintWriter out, String name, Verdict v, Bench.Figures figures) {
        String ms = String.format(Locale.ROOT, "%.3f", figures.medianMs());
        String mb = String.format(Locale.ROOT, "%.1f", figures.allocatedMb());
        if (json) {
            ObjectNode o = ResultJson.MAPPER.createObjectNode();
            o.put("file", name);
            ResultJson.verdict(o, v);
            o.put("median_ms", Double.parseDouble(ms));
            if (figures.allocatedMb() >= 0) {
                o.put("allocated_mb_per_check", Double.parseDouble(mb));
            }
            out.println(o);
        } else {
            String alloc = figures.allocatedMb() >= 0 ? ", " + mb + " MB allocated per check" : "";
            out.println(name + ": " + v.label() + " median " + ms + " ms (" + benchRuns + " runs" + alloc + ")");
        }
    }

    private void reportBad(PrintWriter out, PrintWriter err, String name, String message) {
        err.println(message);
        if (json) {
            out.println(ResultJson.error(name, message));
        } else {
            out.println(name + ": error (unreadable input, see stderr)");
        }
    }

    private static Object parseInitial(String text) {
        try {
            Object value = EdnReader.readString(text);
            return value instanceof Symbol s ? s.name() : value;
        } catch (EdnParseException e) {
            return text;
        }
    }

    private CommandSpec spec() {
        if (spec == null) {
            throw new IllegalStateException("run CheckCommand through picocli's CommandLine");
        }
        return spec;
    }

    @Override
    public String toString() {
        return "check " + Arrays.toString(files.toArray());
    }
}
