package io.faultline.sut.quorum;

import io.faultline.sut.json.JsonValue;
import io.faultline.sut.node.NodeId;
import io.faultline.sut.quorum.Completion.ReadDone;
import io.faultline.sut.quorum.Completion.TimedOut;
import io.faultline.sut.quorum.Completion.WriteDone;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * ABD atomicity of a history of reads and writes, per key, checkable directly because every write writes a value
 * of its own and creates a version of its own (two values under one version is a violation too). For completed
 * operations A and B where A completed before B was
 * invoked, B's version is at least A's, and above it when B is a write; every read returns the value of the write
 * that created its version (null for {@link Version#ZERO}), a write invoked before the read completed. Timed-out
 * reads did not happen; timed-out writes and operations lost in a crash are indeterminate: they order nothing, but
 * their values may be read.
 */
final class AtomicityChecker {

    /** One client operation; {@code completed} is -1 while it has none (in flight, timed out, or lost). */
    static final class Op {
        final long id;
        final NodeId node;
        final String key;
        final JsonValue written; // null for a read
        final long invoked;
        long completed = -1;
        Versioned result; // what a read saw, or what a write created
        String fate = "pending";

        Op(long id, NodeId node, String key, JsonValue written, long invoked) {
            this.id = id;
            this.node = node;
            this.key = key;
            this.written = written;
            this.invoked = invoked;
        }

        boolean write() {
            return written != null;
        }

        boolean done() {
            return completed >= 0;
        }

        @Override
        public String toString() {
            String what = write() ? "write " + written : "read";
            String outcome = done() ? (write() ? "-> " + result.version() : "-> " + result) : fate;
            return "#" + id + " " + what + " " + key + " on " + node + " [" + invoked + ", "
                    + (done() ? completed : "?") + "] " + outcome;
        }
    }

    private final Map<Long, Op> ops = new LinkedHashMap<>();
    private final Map<String, Op> writesByValue = new HashMap<>();

    void invoked(long id, NodeId node, String key, JsonValue written, long time) {
        Op op = new Op(id, node, key, written, time);
        ops.put(id, op);
        if (written != null && writesByValue.put(written.toString(), op) != null) {
            throw new IllegalArgumentException("the checker needs unique written values, got " + written + " twice");
        }
    }

    void completed(Completion c, long time) {
        Op op = ops.get(c.requestId());
        switch (c) {
            case ReadDone r -> done(op, r.seen(), time);
            case WriteDone w -> done(op, new Versioned(w.version(), op.written), time);
            case TimedOut t -> op.fate = "timed out";
        }
    }

    private static void done(Op op, Versioned result, long time) {
        op.completed = time;
        op.result = result;
        op.fate = "done";
    }

    void lost(long id) {
        ops.get(id).fate = "lost in a crash";
    }

    long completedCount() {
        return ops.values().stream().filter(Op::done).count();
    }

    /** The first violation found, with a short history of its key around it, or null if there is none. */
    String firstViolation() {
        Map<String, Version> versionOfValue = new HashMap<>();
        Map<List<Object>, Op> firstWithVersion = new HashMap<>(); // by key and version
        for (Op op : ops.values()) {
            if (!op.done()) {
                continue;
            }
            Op other = firstWithVersion.putIfAbsent(List.of(op.key, op.result.version()), op);
            if (other != null && !other.result.value().equals(op.result.value())) {
                return "duplicate version: " + other + " and " + op + " have one version of " + op.key
                        + " with two values" + around(other, op);
            }
            String bad = readsFrom(op, versionOfValue);
            if (bad != null) {
                return bad + around(op, op);
            }
        }
        Map<String, List<Op>> byKey = new LinkedHashMap<>();
        for (Op op : ops.values()) {
            if (op.done()) {
                byKey.computeIfAbsent(op.key, k -> new ArrayList<>()).add(op);
            }
        }
        for (List<Op> done : byKey.values()) {
            String bad = realTimeOrder(done);
            if (bad != null) {
                return bad;
            }
        }
        return null;
    }

    /** A completed op's value must come from the write that made its version. */
    private String readsFrom(Op op, Map<String, Version> versionOfValue) {
        Versioned v = op.result;
        if (v.version().equals(Version.ZERO)) {
            return v.value().equals(JsonValue.NULL) ? null : op + " has version ZERO with a value";
        }
        Op source = writesByValue.get(v.value().toString());
        if (source == null || !source.key.equals(op.key)) {
            return op + " returned a value no write of " + op.key + " wrote";
        }
        if (source.invoked > op.completed) {
            return op + " returned the value of " + source + ", invoked after it completed";
        }
        if (source.done() && !source.result.version().equals(v.version())) {
            return op + " saw " + v + " but " + source + " created another version";
        }
        Version earlier = versionOfValue.putIfAbsent(v.value().toString(), v.version());
        if (earlier != null && !earlier.equals(v.version())) {
            return op + " saw " + v + " where another saw that value at " + earlier;
        }
        return null;
    }

    /** Sweeps a key's ops by invocation, against the newest version of every op completed before each. */
    private String realTimeOrder(List<Op> done) {
        List<Op> byCompletion = new ArrayList<>(done);
        byCompletion.sort(Comparator.comparingLong((Op o) -> o.completed).thenComparingLong(o -> o.id));
        List<Op> byInvocation = new ArrayList<>(done);
        byInvocation.sort(Comparator.comparingLong((Op o) -> o.invoked).thenComparingLong(o -> o.id));
        Op newestBefore = null;
        int next = 0;
        for (Op b : byInvocation) {
            while (next < byCompletion.size() && byCompletion.get(next).completed < b.invoked) {
                Op a = byCompletion.get(next++);
                if (newestBefore == null || a.result.version().isAfter(newestBefore.result.version())) {
                    newestBefore = a;
                }
            }
            if (newestBefore == null) {
                continue;
            }
            int order = b.result.version().compareTo(newestBefore.result.version());
            if (order < 0 || (order == 0 && b.write())) {
                String kind = b.write()
                        ? "lost update: a write invoked after another completed has a version not above it"
                        : newestBefore.write()
                                ? "stale read: a read invoked after a write completed returned an older version"
                                : "new/old inversion: a read invoked after another read completed returned an"
                                        + " older version";
                return kind + ": " + newestBefore + " completed before " + b + around(newestBefore, b);
            }
        }
        return null;
    }

    /** The ops of the key that overlap [a invoked, b completed], at most a dozen. */
    private String around(Op a, Op b) {
        long from = Math.min(a.invoked, b.invoked);
        long to = Math.max(a.completed, b.completed);
        StringBuilder out = new StringBuilder("\n  history of ").append(b.key).append(" around it:");
        int shown = 0;
        for (Op op : ops.values()) {
            long end = op.done() ? op.completed : Long.MAX_VALUE;
            if (op.key.equals(b.key) && op.invoked <= to && end >= from && (op.write() || op.done())) {
                out.append("\n    ").append(op);
                if (++shown == 12) {
                    out.append("\n    ...");
                    break;
                }
            }
        }
        return out.toString();
    }
}
