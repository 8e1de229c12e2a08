package io.faultline.checkers.linear;

import io.faultline.checkers.Verdict;
import io.faultline.checkers.history.Operation;
import io.faultline.checkers.linear.LinearizabilityResult.PartitionOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Decides whether a history is linearizable with respect to a {@link Model}: splits it into independent partitions
 * (unless told not to), searches each on a pool of worker threads, and merges the verdicts (invalid over unknown over
 * valid). As soon as one partition is invalid the others are cancelled. The time limit is enforced by the caller's
 * thread as well as inside the search, so a model step that never returns still yields unknown on time.
 */
public final class LinearizabilityChecker {

    /**
     * @param timeout the time allowed for the whole history
     * @param partition whether to split by the model's partition (P-compositionality)
     * @param maxStates a bound on the memo per partition; reaching it gives unknown (out of memory)
     */
    public record Options(Duration timeout, boolean partition, long maxStates) {
        public static Options defaults() {
            return new Options(Duration.ofSeconds(60), true, 50_000_000L);
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

    private static final ExecutorService POOL =
            Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()), r -> {
                Thread t = new Thread(r, "faultline-linearizability");
                t.setDaemon(true);
                return t;
            });

    private LinearizabilityChecker() {}

    public static <S, C> LinearizabilityResult check(Model<S, C> model, List<Operation> operations, Options options) {
        long start = System.nanoTime();
        long deadline = start + options.timeout().toNanos();
        List<Partition> partitions =
                options.partition() ? model.partition(operations) : List.of(new Partition("", operations));
        List<PartitionJob<S, C>> jobs = new ArrayList<>(partitions.size());
        int total = 0;
        for (Partition p : partitions) {
            PartitionJob<S, C> job = PartitionJob.compile(model, p);
            total += job.operations().size();
            jobs.add(job);
        }
        AtomicBoolean stop = new AtomicBoolean();
        List<Future<PartitionJob.Result>> futures = new ArrayList<>(jobs.size());
        for (PartitionJob<S, C> job : jobs) {
            futures.add(POOL.submit(() -> {
                PartitionJob.Result r = job.run(deadline, stop, options.maxStates());
                if (r.verdict() == Verdict.INVALID) {
                    stop.set(true);
                }
                return r;
            }));
        }
        List<PartitionOutcome> outcomes = new ArrayList<>(jobs.size());
        LinearizabilityResult.Counterexample counterexample = null;
        Verdict verdict = Verdict.VALID;
        String cause = null;
        for (int i = 0; i < jobs.size(); i++) {
            PartitionJob<S, C> job = jobs.get(i);
            PartitionJob.Result r;
            try {
                long left = deadline - System.nanoTime();
                r = futures.get(i).get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                stop.set(true);
                futures.get(i).cancel(true);
                r = new PartitionJob.Result(Verdict.UNKNOWN, null, "timeout after " + describe(options.timeout()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop.set(true);
                r = new PartitionJob.Result(Verdict.UNKNOWN, null, "interrupted");
            } catch (ExecutionException e) {
                stop.set(true);
                r = new PartitionJob.Result(
                        Verdict.UNKNOWN,
                        null,
                        "the model threw " + e.getCause() + " (a checker that throws cannot decide)");
            }
            String partitionCause = r.cause();
            if ("timeout".equals(partitionCause)) {
                partitionCause = "timeout after " + describe(options.timeout());
            }
            outcomes.add(new PartitionOutcome(
                    job.key(), r.verdict(), job.operations().size(), partitionCause));
            if (r.verdict() == Verdict.INVALID && counterexample == null) {
                counterexample = r.counterexample();
                stop.set(true);
            }
            if (r.verdict() == Verdict.UNKNOWN && cause == null && !"cancelled".equals(partitionCause)) {
                cause = partitionCause;
            }
            verdict = verdict.merge(r.verdict());
        }
        return new LinearizabilityResult(
                verdict, model.name(), total, outcomes, counterexample, verdict == Verdict.UNKNOWN ? cause : null);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
