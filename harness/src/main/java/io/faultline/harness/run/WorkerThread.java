package io.faultline.harness.run;

import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Worker;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/** One worker: a virtual thread with a one-slot inbox, performing one op at a time. */
final class WorkerThread {

    /** How ops are performed; the interpreter does not know about clients, nemeses or timeouts. */
    interface Executors {
        /** Performs one op for a worker's current process and returns how it ended. Never throws. */
        Interpreter.Done perform(Worker worker, ProcessId process, Invocation op);
    }

    private record Job(Invocation op, ProcessId process) {}

    private static final Job STOP = new Job(null, null);

    private final Worker worker;
    private final Executors executors;
    private final BlockingQueue<Interpreter.Done> completions;
    private final BlockingQueue<Job> inbox = new ArrayBlockingQueue<>(1);
    private Thread thread;

    WorkerThread(Worker worker, Executors executors, BlockingQueue<Interpreter.Done> completions) {
        this.worker = worker;
        this.executors = executors;
        this.completions = completions;
    }

    void start() {
        thread = Thread.ofVirtual().name("faultline-" + worker).start(this::loop);
    }

    void submit(Invocation op, ProcessId process) {
        if (!inbox.offer(new Job(op, process))) {
            throw new IllegalStateException(worker + " was handed an op while busy: " + op);
        }
    }

    void stop() {
        inbox.offer(STOP);
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        while (true) {
            Job job;
            try {
                job = inbox.take();
            } catch (InterruptedException e) {
                return;
            }
            if (job == STOP) {
                return;
            }
            if (job.op().f().equals(Interpreter.SLEEP)) {
                try {
                    Thread.sleep(java.time.Duration.ofNanos((Long) job.op().value()));
                } catch (InterruptedException e) {
                    return;
                }
                completions.add(new Interpreter.Done(worker, job.op(), OpType.OK, null, null));
                continue;
            }
            completions.add(executors.perform(worker, job.process(), job.op()));
        }
    }
}
