package io.faultline.workloads.generator;

import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a generator sees: the logical time (ns since the test began), the workers it may use and which of them are
 * free, and the seeded randomness. Combinators such as {@link Gen#clients} hand their inner generator a narrower
 * view.
 */
public record Context(long time, WorkerSet workers, WorkerSet free, Randomness random) {

    public static Context start(int clients, boolean nemesis, long seed) {
        WorkerSet all = WorkerSet.of(clients, nemesis);
        return new Context(0, all, all, new Randomness(seed));
    }

    public Context withTime(long newTime) {
        return new Context(newTime, workers, free, random);
    }

    public Context withFree(WorkerSet newFree) {
        return new Context(time, workers, newFree, random);
    }

    /** The same context, seeing only the workers that pass the filter. */
    public Context restrict(Predicate<Worker> visible) {
        return new Context(time, workers.filter(visible), free.filter(visible), random);
    }

    /** The same context, seeing only client workers. */
    public Context clientsOnly() {
        return new Context(time, workers.clients(), free.clients(), random);
    }

    /** The same context, seeing only the nemesis. */
    public Context nemesisOnly() {
        return new Context(time, workers.nemesisOnly(), free.nemesisOnly(), random);
    }

    /** The same context, seeing only one worker. */
    public Context only(Worker worker) {
        return new Context(time, workers.only(worker), free.only(worker), random);
    }

    public boolean allFree() {
        return free.size() == workers.size();
    }

    /** A free worker chosen with the seeded randomness, or null when all are busy. */
    public @Nullable Worker someFreeWorker() {
        int n = free.size();
        if (n == 0) {
            return null;
        }
        if (n == 1) {
            return free.get(0);
        }
        return free.get(random.clients().nextInt(n));
    }
}
