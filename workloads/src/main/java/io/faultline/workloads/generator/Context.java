package io.faultline.workloads.generator;

import java.util.Collections;
import java.util.List;
import java.util.NavigableSet;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What a generator sees: the logical time (ns since the test began), the workers it may use and which of them are
 * free, and the seeded randomness. Combinators such as {@link Gen#clients} hand their inner generator a narrower
 * view.
 */
public record Context(long time, NavigableSet<Worker> workers, NavigableSet<Worker> free, Randomness random) {

    /** The sets are wrapped, not copied: callers hand over sets they no longer change. */
    public Context {
        workers = Collections.unmodifiableNavigableSet(workers);
        free = Collections.unmodifiableNavigableSet(free);
    }

    public static Context start(int clients, boolean nemesis, long seed) {
        TreeSet<Worker> all = new TreeSet<>();
        for (int i = 0; i < clients; i++) {
            all.add(Worker.client(i));
        }
        if (nemesis) {
            all.add(Worker.NEMESIS);
        }
        return new Context(0, all, new TreeSet<>(all), new Randomness(seed));
    }

    public Context withTime(long newTime) {
        return new Context(newTime, workers, free, random);
    }

    public Context withFree(NavigableSet<Worker> newFree) {
        return new Context(time, workers, newFree, random);
    }

    /** The same context, seeing only the workers that pass the filter. */
    public Context restrict(Predicate<Worker> visible) {
        return new Context(time, filter(workers, visible), filter(free, visible), random);
    }

    public boolean allFree() {
        return free.size() == workers.size();
    }

    /** A free worker chosen with the seeded randomness, or null when all are busy. */
    public @Nullable Worker someFreeWorker() {
        if (free.isEmpty()) {
            return null;
        }
        if (free.size() == 1) {
            return free.first();
        }
        List<Worker> candidates = List.copyOf(free);
        boolean nemesisOnly = candidates.stream().allMatch(w -> w instanceof Worker.Nemesis);
        var rng = nemesisOnly ? random.nemesis() : random.clients();
        return candidates.get(rng.nextInt(candidates.size()));
    }

    private static NavigableSet<Worker> filter(NavigableSet<Worker> set, Predicate<Worker> keep) {
        TreeSet<Worker> out = new TreeSet<>();
        for (Worker w : set) {
            if (keep.test(w)) {
                out.add(w);
            }
        }
        return out;
    }
}
