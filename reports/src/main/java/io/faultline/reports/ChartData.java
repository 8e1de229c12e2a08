package io.faultline.reports;

import io.faultline.checkers.edn.EdnWriter;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.history.ProcessId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What the report's canvas renderer draws, computed here so the page only draws: every operation as columns of
 * numbers (times in microseconds since the start), the fault windows, and per time bucket the latency quantiles and
 * throughput. Serialized as JSON into the page.
 *
 * @param endUs when the history ended
 * @param bucketUs the width of a time bucket for quantiles and throughput
 * @param fs the client functions, indexed by {@link OpColumns#f}
 * @param columns the timeline's columns: one per worker thread, then {@code nemesis}
 * @param ops every client operation
 * @param windows the fault windows
 * @param actions every nemesis op, as a bar in the nemesis column
 * @param quantiles per f, latency quantiles per bucket
 * @param rates per f and outcome, completions per second per bucket
 */
record ChartData(
        long endUs,
        long bucketUs,
        List<String> fs,
        List<String> columns,
        OpColumns ops,
        List<Window> windows,
        List<Action> actions,
        List<QuantileSeries> quantiles,
        List<RateSeries> rates) {

    /** Outcome codes in {@link OpColumns#outcome}. */
    static final List<String> OUTCOMES = List.of("ok", "fail", "info", "pending");

    private static final int DESCRIPTION_LIMIT = 120;
    private static final int TARGET_BUCKETS = 120;

    /**
     * Operations as parallel arrays, sorted by invocation.
     *
     * @param invokeUs invocation time
     * @param latencyUs completion time minus invocation time, or -1 when it never completed
     * @param f index into {@link ChartData#fs}
     * @param outcome index into {@link #OUTCOMES}
     * @param column index into {@link ChartData#columns}
     * @param text the operation in words, for the tooltip
     */
    record OpColumns(long[] invokeUs, long[] latencyUs, int[] f, int[] outcome, int[] column, String[] text) {}

    /** A fault window for shading: {@code kind} picks the colour, {@code label} is drawn. */
    record Window(String kind, String label, long fromUs, long toUs, boolean verified, boolean open) {}

    /** A nemesis op: a bar in the nemesis column; {@code marker} when it neither starts nor ends a fault. */
    record Action(String f, long fromUs, long toUs, String text, boolean marker) {}

    /** Latency quantiles of one f: per bucket {@code [p50, p95, p99, max]} in microseconds, or nulls when empty. */
    record QuantileSeries(String f, List<long @Nullable []> buckets) {}

    /** Completions of one f with one outcome, per second, per bucket. */
    record RateSeries(String f, String outcome, double[] perSecond) {}

    static ChartData of(
            List<Operation> operations,
            List<NemesisAction> actions,
            List<FaultWindow> windows,
            long endNs,
            int concurrency,
            io.faultline.checkers.history.FaultVocabulary vocabulary) {
        long endUs = Math.max(1, endNs / 1000);
        long bucketUs = bucketWidth(endUs);
        int bucketCount = (int) (endUs / bucketUs) + 1;
        Map<String, Integer> fIndex = new LinkedHashMap<>();
        Map<Long, Integer> columnIndex = new java.util.TreeMap<>();
        for (Operation op : operations) {
            fIndex.putIfAbsent(op.f(), fIndex.size());
            columnIndex.putIfAbsent(column(op.process(), concurrency), 0);
        }
        List<String> columns = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : columnIndex.entrySet()) {
            e.setValue(columns.size());
            columns.add((concurrency > 0 ? "worker " : "process ") + e.getKey());
        }
        columns.add("nemesis");
        int n = operations.size();
        List<Operation> sorted = new ArrayList<>(operations);
        sorted.sort((a, b) -> Long.compare(a.invocation().time(), b.invocation().time()));
        OpColumns cols = new OpColumns(new long[n], new long[n], new int[n], new int[n], new int[n], new String[n]);
        int fCount = fIndex.size();
        double[][] rates = new double[fCount * OUTCOMES.size()][bucketCount];
        long[][] latencyBuffers = new long[fCount * bucketCount][];
        int[] latencyCounts = new int[fCount * bucketCount];
        for (int i = 0; i < n; i++) {
            Operation op = sorted.get(i);
            Op done = op.completion();
            long inv = Math.max(0, op.invocation().time()) / 1000;
            int fi = fIndex.get(op.f());
            int oi = outcomeCode(op);
            cols.invokeUs()[i] = inv;
            cols.latencyUs()[i] = done == null ? -1 : Math.max(0, done.time() / 1000 - inv);
            cols.f()[i] = fi;
            cols.outcome()[i] = oi;
            cols.column()[i] = columnIndex.get(column(op.process(), concurrency));
            cols.text()[i] = describe(op);
            if (done != null) {
                int bucket = (int) Math.min(bucketCount - 1, done.time() / 1000 / bucketUs);
                rates[fi * OUTCOMES.size() + oi][bucket] += 1;
                int slot = fi * bucketCount + bucket;
                long[] buf = latencyBuffers[slot];
                if (buf == null || latencyCounts[slot] == buf.length) {
                    buf = latencyBuffers[slot] =
                            Arrays.copyOf(buf == null ? new long[8] : buf, buf == null ? 8 : buf.length * 2);
                }
                buf[latencyCounts[slot]++] = cols.latencyUs()[i];
            }
        }
        double bucketSeconds = bucketUs / 1e6;
        List<RateSeries> rateSeries = new ArrayList<>();
        List<QuantileSeries> quantileSeries = new ArrayList<>();
        for (Map.Entry<String, Integer> f : fIndex.entrySet()) {
            for (int oi = 0; oi < OUTCOMES.size(); oi++) {
                double[] r = rates[f.getValue() * OUTCOMES.size() + oi];
                if (Arrays.stream(r).anyMatch(x -> x > 0)) {
                    for (int b = 0; b < r.length; b++) {
                        r[b] = r[b] / bucketSeconds;
                    }
                    rateSeries.add(new RateSeries(f.getKey(), OUTCOMES.get(oi), r));
                }
            }
            List<long @Nullable []> buckets = new ArrayList<>();
            for (int b = 0; b < bucketCount; b++) {
                int slot = f.getValue() * bucketCount + b;
                buckets.add(quantiles(latencyBuffers[slot], latencyCounts[slot]));
            }
            quantileSeries.add(new QuantileSeries(f.getKey(), buckets));
        }
        List<Window> windowData = windows.stream()
                .map(w -> new Window(
                        w.kind(),
                        w.label(),
                        w.fromNs() / 1000,
                        w.toNs() / 1000,
                        w.start().verified(),
                        w.end() == null))
                .toList();
        List<Action> actionData = actions.stream()
                .map(a -> new Action(
                        a.f(),
                        a.invokedNs() / 1000,
                        (a.completedNs() >= 0 ? a.completedNs() : endNs) / 1000,
                        clip(a.f() + " " + a.applied() + (a.note().isEmpty() ? "" : " — " + a.note())),
                        FaultWindows.isMarker(a, vocabulary)))
                .toList();
        return new ChartData(
                endUs,
                bucketUs,
                List.copyOf(fIndex.keySet()),
                columns,
                cols,
                windowData,
                actionData,
                quantileSeries,
                rateSeries);
    }

    /** The timeline column of a process: Jepsen gives a thread a new process number after info, so p mod threads. */
    private static long column(ProcessId process, int concurrency) {
        long p = process instanceof ProcessId.Client c ? c.number() : -1;
        return concurrency > 0 ? p % concurrency : p;
    }

    private static int outcomeCode(Operation op) {
        return switch (op.outcome()) {
            case OK -> 0;
            case FAIL -> 1;
            case INFO -> 2;
            case PENDING -> 3;
        };
    }

    private static String describe(Operation op) {
        StringBuilder b = new StringBuilder();
        b.append('p').append(op.process()).append(' ').append(op.f());
        Object key = op.invocation().extra("key");
        if (key != null) {
            b.append(" key ").append(EdnWriter.write(key));
        }
        if (op.input() != null) {
            b.append(' ').append(EdnWriter.write(op.input()));
        }
        Op done = op.completion();
        if (done != null) {
            if (!java.util.Objects.equals(done.value(), op.input())) {
                b.append(" → ").append(EdnWriter.write(done.value()));
            }
            if (done.error() != null) {
                b.append(" error ").append(EdnWriter.write(done.error()));
            }
        }
        b.append(" (")
                .append(OUTCOMES.get(outcomeCode(op)))
                .append(", #")
                .append(op.invocation().index());
        if (done != null) {
            b.append("..#").append(done.index());
        }
        return clip(b.append(')').toString());
    }

    private static String clip(String s) {
        return s.length() <= DESCRIPTION_LIMIT ? s : s.substring(0, DESCRIPTION_LIMIT - 1) + "…";
    }

    private static long @Nullable [] quantiles(long @Nullable [] values, int count) {
        if (values == null || count == 0) {
            return null;
        }
        long[] sorted = Arrays.copyOf(values, count);
        Arrays.sort(sorted);
        return new long[] {rank(sorted, 0.50), rank(sorted, 0.95), rank(sorted, 0.99), sorted[count - 1]};
    }

    /** The nearest-rank quantile. */
    private static long rank(long[] sorted, double q) {
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** A round bucket width (1, 2 or 5 times a power of ten microseconds) giving about 120 buckets. */
    static long bucketWidth(long spanUs) {
        long raw = Math.max(1, spanUs / TARGET_BUCKETS);
        long power = 1;
        while (power * 10 <= raw) {
            power *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }
}
