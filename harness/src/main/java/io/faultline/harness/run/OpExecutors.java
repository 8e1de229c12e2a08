package io.faultline.harness.run;

import io.faultline.api.Client;
import io.faultline.api.ClusterView;
import io.faultline.api.Completion;
import io.faultline.api.Db;
import io.faultline.checkers.history.OpType;
import io.faultline.checkers.history.ProcessId;
import io.faultline.nemeses.Nemesis;
import io.faultline.nemeses.NodeControl;
import io.faultline.workloads.Workload;
import io.faultline.workloads.generator.Invocation;
import io.faultline.workloads.generator.Worker;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Performs ops for the interpreter's workers: client ops through a {@link Client} per worker, under a per-op
 * timeout, each wrapped in a {@link ValidatingClient} that enforces the {@link ClientRules}; nemesis ops through the {@link Nemesis}. Every uncertain
 * outcome (timeout, exception, broken client rule) is recorded as {@code info}, and the worker's client is replaced
 * because its process ends there; each broken rule is kept for the run's result.
 */
final class OpExecutors implements WorkerThread.Executors, AutoCloseable {

    /** The nemesis op that ends every fault (the final heal). */
    static final String HEAL = "heal";

    private final Db db;
    private final Workload workload;
    private final ClusterView cluster;
    private final Nemesis nemesis;
    private final NodeControl nodes;
    private final Duration timeout;
    private final Map<Worker, ValidatingClient> clients = new ConcurrentHashMap<>();
    private final Queue<ClientRuleViolation> violations = new ConcurrentLinkedQueue<>();
    private final ExecutorService calls = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    OpExecutors(Db db, Workload workload, ClusterView cluster, Nemesis nemesis, NodeControl nodes, Duration timeout) {
        this.db = db;
        this.workload = workload;
        this.cluster = cluster;
        this.nemesis = nemesis;
        this.nodes = nodes;
        this.timeout = timeout;
    }

    @Override
    public Interpreter.Done perform(Worker worker, ProcessId process, Invocation op) {
        return worker instanceof Worker.Client c ? client(worker, process, c.index(), op) : nemesis(worker, op);
    }

    private Interpreter.Done nemesis(Worker worker, Invocation op) {
        try {
            if (op.f().equals(HEAL)) {
                nemesis.heal(nodes);
                return new Interpreter.Done(
                        worker, op, OpType.INFO, outcome("healed", true, "every fault ended"), null);
            }
            Nemesis.Outcome outcome = nemesis.invoke(op.f(), op.value(), nodes);
            return new Interpreter.Done(
                    worker, op, OpType.INFO, outcome(outcome.applied(), outcome.verified(), outcome.note()), null);
        } catch (RuntimeException e) {
            return new Interpreter.Done(worker, op, OpType.INFO, null, "nemesis failed: " + e.getMessage());
        }
    }

    private static Map<String, Object> outcome(Object applied, boolean verified, String note) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("applied", applied);
        value.put("verified", verified);
        value.put("note", note);
        return value;
    }

    private Interpreter.Done client(Worker worker, ProcessId process, int index, Invocation op) {
        ValidatingClient client;
        try {
            client =
                    clients.computeIfAbsent(worker, w -> new ValidatingClient(db.openClient(cluster, index, workload)));
        } catch (RuntimeException e) {
            // Opening a client changes nothing (the client contract), and the op never reached one: it did not happen.
            return new Interpreter.Done(worker, op, OpType.FAIL, null, "could not open a client: " + e);
        }
        Future<Completion> call = calls.submit(() -> client.invoke(op));
        Completion completion;
        try {
            completion = call.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            return retire(worker, op, "timeout after " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return retire(worker, op, "client threw " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return retire(worker, op, "interrupted");
        }
        if (completion.error() instanceof ClientRules.Broken broken) {
            violations.add(new ClientRuleViolation(
                    broken.rule(), broken.detail(), -1, process, op.time(), op.f(), client.clientClass()));
            return retire(worker, op, broken.toString());
        }
        if (completion.type() == OpType.INFO) {
            closeClient(worker);
        }
        return new Interpreter.Done(worker, op, completion.type(), completion.value(), completion.error());
    }

    /** The client rules broken so far, in the order the completions arrived (op indexes not yet matched). */
    List<ClientRuleViolation> violations() {
        return List.copyOf(violations);
    }

    private Interpreter.Done retire(Worker worker, Invocation op, String error) {
        closeClient(worker);
        return new Interpreter.Done(worker, op, OpType.INFO, null, error);
    }

    private void closeClient(Worker worker) {
        ValidatingClient old = clients.remove(worker);
        if (old != null) {
            try {
                old.close();
            } catch (Exception e) {
                // a client that cannot close cleanly is dropped all the same
            }
        }
    }

    @Override
    public void close() {
        clients.keySet().forEach(this::closeClient);
        calls.shutdownNow();
    }
}
