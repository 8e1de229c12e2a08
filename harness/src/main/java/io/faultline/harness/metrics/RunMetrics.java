package io.faultline.harness.metrics;

import io.faultline.checkers.history.FaultKind;
import io.faultline.checkers.history.FaultVocabulary;
import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A run's live figures in Prometheus's text format, fed by every op as the history journal records it: ops by f and
 * outcome, latency histograms by f and outcome, nemesis ops, and which fault kinds are in force. Ops per second are
 * Prometheus's {@code rate(faultline_ops_total[10s])}.
 */
public final class RunMetrics implements Consumer<Op> {

    /** Histogram bucket bounds in seconds. */
    static final double[] BUCKETS = {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

    private record Series(String f, String type) {}

    private static final class Histogram {
        final long[] counts = new long[BUCKETS.length];
        long count;
        double sum;

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) {
                if (seconds <= BUCKETS[i]) {
                    counts[i]++;
                }
            }
            count++;
            sum += seconds;
        }
    }

    private final Map<Series, Long> ops =
            new TreeMap<>(java.util.Comparator.comparing(Series::f).thenComparing(Series::type));
    private final Map<Series, Histogram> latency =
            new TreeMap<>(java.util.Comparator.comparing(Series::f).thenComparing(Series::type));
    private final Map<String, Long> nemesisOps = new TreeMap<>();
    private final Map<String, Boolean> active = new TreeMap<>();
    private final Map<ProcessId, Long> invokedAt = new HashMap<>();
    private final Map<String, Object> nemesisInvocations = new HashMap<>();
    private final FaultVocabulary vocabulary;

    /** Metrics that know the built-in fault families only. */
    public RunMetrics() {
        this(FaultVocabulary.builtIn());
    }

    /** Metrics whose {@code faultline_fault_active} also follows the windows a plugin nemesis declares. */
    public RunMetrics(FaultVocabulary vocabulary) {
        this.vocabulary = vocabulary;
    }

    @Override
    public synchronized void accept(Op op) {
        if (op.process() instanceof ProcessId.Client) {
            ops.merge(new Series(op.f(), op.type().name().toLowerCase(Locale.ROOT)), 1L, Long::sum);
            if (op.type() == OpType.INVOKE) {
                invokedAt.put(op.process(), op.time());
            } else {
                Long started = invokedAt.remove(op.process());
                if (started != null && op.time() >= started) {
                    latency.computeIfAbsent(
                                    new Series(op.f(), op.type().name().toLowerCase(Locale.ROOT)), s -> new Histogram())
                            .observe((op.time() - started) / 1e9);
                }
            }
            return;
        }
        if (op.type() == OpType.INVOKE) {
            nemesisInvocations.put(op.f(), op.value());
            return;
        }
        nemesisOps.merge(op.f(), 1L, Long::sum);
        vocabulary.startedBy(op.f(), nemesisInvocations.remove(op.f())).forEach(label -> active.put(label, true));
        if (op.f().equals(FaultKind.HEAL)) {
            active.replaceAll((kind, on) -> false);
        }
        vocabulary.endedBy(op.f()).ifPresent(label -> active.put(label, false));
    }

    /** Everything in Prometheus's text exposition format (version 0.0.4). */
    public synchronized String render() {
        StringBuilder out = new StringBuilder();
        out.append("# HELP faultline_ops_total Client ops by function and type (invoke, ok, fail, info).\n");
        out.append("# TYPE faultline_ops_total counter\n");
        ops.forEach((s, n) -> out.append("faultline_ops_total{f=\"")
                .append(escape(s.f()))
                .append("\",type=\"")
                .append(s.type())
                .append("\"} ")
                .append(n)
                .append('\n'));
        out.append(
                "# HELP faultline_op_latency_seconds Time from invocation to completion, by function and outcome.\n");
        out.append("# TYPE faultline_op_latency_seconds histogram\n");
        latency.forEach((s, h) -> {
            String labels = "f=\"" + escape(s.f()) + "\",type=\"" + s.type() + "\"";
            for (int i = 0; i < BUCKETS.length; i++) {
                out.append("faultline_op_latency_seconds_bucket{")
                        .append(labels)
                        .append(",le=\"")
                        .append(BUCKETS[i])
                        .append("\"} ")
                        .append(h.counts[i])
                        .append('\n');
            }
            out.append("faultline_op_latency_seconds_bucket{")
                    .append(labels)
                    .append(",le=\"+Inf\"} ")
                    .append(h.count)
                    .append('\n');
            out.append("faultline_op_latency_seconds_sum{")
                    .append(labels)
                    .append("} ")
                    .append(h.sum)
                    .append('\n');
            out.append("faultline_op_latency_seconds_count{")
                    .append(labels)
                    .append("} ")
                    .append(h.count)
                    .append('\n');
        });
        out.append("# HELP faultline_nemesis_ops_total Completed nemesis ops by function.\n");
        out.append("# TYPE faultline_nemesis_ops_total counter\n");
        nemesisOps.forEach((f, n) -> out.append("faultline_nemesis_ops_total{f=\"")
                .append(escape(f))
                .append("\"} ")
                .append(n)
                .append('\n'));
        out.append(
                "# HELP faultline_fault_active 1 while a fault of this kind is in force (see FaultKind, and any window a plugin nemesis declares).\n");
        out.append("# TYPE faultline_fault_active gauge\n");
        active.forEach((kind, on) -> out.append("faultline_fault_active{kind=\"")
                .append(kind)
                .append("\"} ")
                .append(on ? 1 : 0)
                .append('\n'));
        return out.toString();
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
