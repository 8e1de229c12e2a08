package io.faultline.workloads.generator;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * Runs a generator on logical time with a fixed latency per op and every op completing ok: the test's plan. The
 * same generator and seed always give the same plan, which is how a run's schedule of ops and faults is shown to be
 * reproducible, and how generator semantics are tested without threads or clocks.
 */
public final class Simulation {

    private Simulation() {}

    private record Completion(long time, long sequence, Worker worker, Invocation op) {}

    /**
     * @param clients client workers
     * @param nemesis whether a nemesis worker exists
     * @param latency how long every op takes
     * @param maxOps stop after this many invocations
     * @param until stop once logical time reaches this
     */
    public static List<Invocation> plan(
            Generator generator,
            int clients,
            boolean nemesis,
            long seed,
            Duration latency,
            long maxOps,
            Duration until) {
        Context ctx = Context.start(clients, nemesis, seed);
        WorkerSet free = ctx.free();
        PriorityQueue<Completion> inFlight = new PriorityQueue<>(
                (a, b) -> a.time != b.time ? Long.compare(a.time, b.time) : Long.compare(a.sequence, b.sequence));
        List<Invocation> plan = new ArrayList<>();
        long now = 0;
        long sequence = 0;
        long end = until.toNanos();
        Generator gen = generator;
        while (plan.size() < maxOps && now < end) {
            Context view = ctx.withTime(now).withFree(free);
            Step step = gen.next(view);
            long nextCompletion =
                    inFlight.isEmpty() ? Long.MAX_VALUE : inFlight.peek().time();
            if (step instanceof Step.Emit emit && emit.op().time() <= nextCompletion) {
                Invocation op = emit.op();
                now = Math.max(now, op.time());
                if (now >= end) {
                    break;
                }
                Invocation at = op.withTime(now);
                plan.add(at);
                free = free.without(op.worker());
                long took = op.f().equals(Timing.SLEEP) ? (Long) op.value() : latency.toNanos();
                inFlight.add(new Completion(now + took, sequence++, op.worker(), at));
                gen = emit.next().update(view.withTime(now), new Event(op.worker(), toOp(at, OpType.INVOKE, now)));
                continue;
            }
            long wake = step instanceof Step.Pending p ? p.wakeAt() : Long.MAX_VALUE;
            if (step instanceof Step.Exhausted && inFlight.isEmpty()) {
                break;
            }
            if (nextCompletion == Long.MAX_VALUE && wake == Long.MAX_VALUE) {
                break;
            }
            if (nextCompletion <= wake) {
                Completion done = inFlight.poll();
                now = Math.max(now, done.time());
                free = free.with(done.worker());
                gen = gen.update(
                        ctx.withTime(now).withFree(free), new Event(done.worker(), toOp(done.op(), OpType.OK, now)));
            } else {
                now = Math.max(now, wake);
            }
        }
        return plan;
    }

    private static Op toOp(Invocation op, OpType type, long time) {
        ProcessId process = op.worker() instanceof Worker.Client c ? ProcessId.client(c.index()) : ProcessId.NEMESIS;
        return new Op(0, time, type, process, op.f(), op.value(), null, null, Map.of());
    }
}
