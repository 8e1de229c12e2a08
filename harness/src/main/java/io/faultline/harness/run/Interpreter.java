package io.faultline.harness.run;

import io.faultline.checkers.history.Op;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.workloads.generator.Context;
import io.faultline.workloads.generator.Event;
import io.faultline.workloads.generator.Generator;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Randomness;
import io.faultline.workloads.generator.Step;
import io.faultline.workloads.generator.Worker;
import io.faultline.workloads.generator.WorkerSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Runs a generator against real workers (Jepsen's interpreter): one thread of control asks the generator for ops,
 * journals each invocation before handing it to its worker's one-slot queue, and journals completions as they
 * arrive, always draining completions before asking for new ops. A client worker whose op ended in {@code info}
 * continues as a new process ({@code p + concurrency}).
 */
public final class Interpreter {

    /** The function of a sleep op (see {@code Gen.sleep}): it keeps its worker busy and is not recorded. */
    static final String SLEEP = io.faultline.workloads.generator.Gen.SLEEP;

    /** A finished op from a worker. */
    record Done(
            Worker worker,
            Invocation op,
            OpType type,
            @Nullable Object value,
            @Nullable Object error) {}

    private final int concurrency;
    private final HistoryJournal journal;
    private final Map<Worker, WorkerThread> workers = new HashMap<>();
    private final LinkedBlockingQueue<Done> completions = new LinkedBlockingQueue<>();
    private final Map<Worker, ProcessId> processes = new HashMap<>();
    private final WorkerSet all;
    private WorkerSet free;

    /**
     * @param executors how each worker performs ops: client workers by index, and the nemesis
     */
    public Interpreter(int concurrency, WorkerThread.Executors executors, HistoryJournal journal) {
        this.concurrency = concurrency;
        this.journal = journal;
        this.all = WorkerSet.of(concurrency, true);
        this.free = all;
        for (int i = 0; i < concurrency; i++) {
            Worker w = Worker.client(i);
            workers.put(w, new WorkerThread(w, executors, completions));
            processes.put(w, ProcessId.client(i));
        }
        workers.put(Worker.NEMESIS, new WorkerThread(Worker.NEMESIS, executors, completions));
        processes.put(Worker.NEMESIS, ProcessId.NEMESIS);
    }

    /** Runs the generator until it is exhausted and every op has completed; returns the history. */
    public List<Op> run(Generator generator, long seed) throws InterruptedException {
        Randomness random = new Randomness(seed);
        long origin = System.nanoTime();
        Generator gen = generator;
        workers.values().forEach(WorkerThread::start);
        try {
            while (true) {
                Done done;
                while ((done = completions.poll()) != null) {
                    gen = complete(gen, done, now(origin), random);
                }
                long now = now(origin);
                Context ctx = new Context(now, all, free, random);
                Step step = gen.next(ctx);
                switch (step) {
                    case Step.Emit emit -> {
                        long wait = emit.op().time() - now;
                        if (wait > 0) {
                            Done early = completions.poll(wait, TimeUnit.NANOSECONDS);
                            if (early != null) {
                                gen = complete(gen, early, now(origin), random);
                            }
                            continue;
                        }
                        gen = invoke(emit, ctx);
                    }
                    case Step.Pending pending -> {
                        long wait = pending.wakeAt() == Long.MAX_VALUE ? Long.MAX_VALUE : pending.wakeAt() - now;
                        Done next = wait == Long.MAX_VALUE
                                ? completions.poll(1, TimeUnit.SECONDS)
                                : completions.poll(Math.max(0, wait), TimeUnit.NANOSECONDS);
                        if (next != null) {
                            gen = complete(gen, next, now(origin), random);
                        }
                    }
                    case Step.Exhausted exhausted -> {
                        if (free.size() == all.size()) {
                            return journal.ops();
                        }
                        gen = complete(gen, completions.take(), now(origin), random);
                    }
                }
            }
        } finally {
            workers.values().forEach(WorkerThread::stop);
        }
    }

    private Generator invoke(Step.Emit emit, Context ctx) {
        Invocation op = emit.op();
        Worker worker = op.worker();
        if (!free.contains(worker)) {
            throw new IllegalStateException("the generator gave an op to " + worker + ", which is busy: " + op);
        }
        free = free.without(worker);
        Generator next = emit.next();
        if (!op.f().equals(SLEEP)) {
            Op invoked = journal.append(
                    ctx.time(), OpType.INVOKE, processes.get(worker), op.f(), op.value(), null, null, op.extra());
            next = next.update(ctx, new Event(worker, invoked));
        }
        workers.get(worker).submit(op.withTime(ctx.time()), processes.get(worker));
        return next;
    }

    private Generator complete(Generator gen, Done done, long now, Randomness random) {
        free = free.with(done.worker());
        if (done.op().f().equals(SLEEP)) {
            return gen;
        }
        ProcessId process = processes.get(done.worker());
        Op completed = journal.append(
                now,
                done.type(),
                process,
                done.op().f(),
                done.value(),
                done.error(),
                null,
                done.op().extra());
        if (done.type() == OpType.INFO && process instanceof ProcessId.Client c) {
            processes.put(done.worker(), ProcessId.client(c.number() + concurrency));
        }
        Context ctx = new Context(now, all, free, random);
        return gen.update(ctx, new Event(done.worker(), completed));
    }

    private static long now(long origin) {
        return System.nanoTime() - origin;
    }

    /** For tests: the worker set this interpreter runs. */
    List<Worker> workers() {
        List<Worker> list = new ArrayList<>();
        all.forEach(list::add);
        return list;
    }
}
