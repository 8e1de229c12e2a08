package io.faultline.workloads.generator;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Predicate;

/**
 * An immutable set of workers as a bit set (client {@code i} is bit {@code i}, plus a flag for the nemesis), so
 * that the interpreter can hand every generator call a fresh view of the free workers without copying trees.
 * Iteration is in {@link Worker} order: clients by index, then the nemesis.
 */
public final class WorkerSet implements Iterable<Worker> {

    private static final WorkerSet EMPTY = new WorkerSet(new long[0], false);

    private final long[] clients;
    private final boolean nemesis;
    private final int size;

    private WorkerSet(long[] clients, boolean nemesis) {
        this.clients = clients;
        this.nemesis = nemesis;
        int count = nemesis ? 1 : 0;
        for (long word : clients) {
            count += Long.bitCount(word);
        }
        this.size = count;
    }

    public static WorkerSet empty() {
        return EMPTY;
    }

    /** Clients {@code 0..count-1}, and the nemesis when asked for. */
    public static WorkerSet of(int clientCount, boolean withNemesis) {
        long[] words = new long[(clientCount + 63) / 64];
        for (int i = 0; i < clientCount; i++) {
            words[i >>> 6] |= 1L << i;
        }
        return new WorkerSet(words, withNemesis);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public boolean contains(Worker worker) {
        return switch (worker) {
            case Worker.Nemesis n -> nemesis;
            case Worker.Client c ->
                (c.index() >>> 6) < clients.length && (clients[c.index() >>> 6] & (1L << c.index())) != 0;
        };
    }

    public WorkerSet with(Worker worker) {
        return set(worker, true);
    }

    public WorkerSet without(Worker worker) {
        return set(worker, false);
    }

    private WorkerSet set(Worker worker, boolean present) {
        if (contains(worker) == present) {
            return this;
        }
        if (worker instanceof Worker.Nemesis) {
            return new WorkerSet(clients, present);
        }
        int index = ((Worker.Client) worker).index();
        long[] words = Arrays.copyOf(clients, Math.max(clients.length, (index >>> 6) + 1));
        if (present) {
            words[index >>> 6] |= 1L << index;
        } else {
            words[index >>> 6] &= ~(1L << index);
        }
        return new WorkerSet(words, nemesis);
    }

    /** Only the client workers. */
    public WorkerSet clients() {
        return nemesis ? new WorkerSet(clients, false) : this;
    }

    /** Only the nemesis, if present. */
    public WorkerSet nemesisOnly() {
        return nemesis ? new WorkerSet(new long[0], true) : EMPTY;
    }

    /** Only {@code worker}, if present. */
    public WorkerSet only(Worker worker) {
        return contains(worker) ? EMPTY.with(worker) : EMPTY;
    }

    /** The workers that pass the filter. */
    public WorkerSet filter(Predicate<Worker> keep) {
        long[] words = new long[clients.length];
        for (int w = 0; w < clients.length; w++) {
            long word = clients[w];
            while (word != 0) {
                int bit = Long.numberOfTrailingZeros(word);
                word &= word - 1;
                int index = (w << 6) + bit;
                if (keep.test(Worker.client(index))) {
                    words[w] |= 1L << bit;
                }
            }
        }
        return new WorkerSet(words, nemesis && keep.test(Worker.NEMESIS));
    }

    /** The {@code n}-th worker in order (from 0). */
    public Worker get(int n) {
        if (n < 0 || n >= size) {
            throw new IndexOutOfBoundsException(n + " of " + size);
        }
        int remaining = n;
        for (int w = 0; w < clients.length; w++) {
            int count = Long.bitCount(clients[w]);
            if (remaining < count) {
                long word = clients[w];
                for (int k = 0; k < remaining; k++) {
                    word &= word - 1;
                }
                return Worker.client((w << 6) + Long.numberOfTrailingZeros(word));
            }
            remaining -= count;
        }
        return Worker.NEMESIS;
    }

    public boolean hasNemesis() {
        return nemesis;
    }

    @Override
    public Iterator<Worker> iterator() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return next < size;
            }

            @Override
            public Worker next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return get(next++);
            }
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkerSet other
                && other.nemesis == nemesis
                && Arrays.equals(trim(clients), trim(other.clients));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(trim(clients)) * 31 + (nemesis ? 1 : 0);
    }

    private static long[] trim(long[] words) {
        int length = words.length;
        while (length > 0 && words[length - 1] == 0) {
            length--;
        }
        return Arrays.copyOf(words, length);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("[");
        for (Worker w : this) {
            out.append(out.length() > 1 ? ", " : "").append(w);
        }
        return out.append("]").toString();
    }
}
