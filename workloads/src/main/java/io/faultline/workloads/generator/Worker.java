package io.faultline.workloads.generator;

/**
 * A worker thread of a test: a numbered client worker, or the nemesis. Workers are what generators hand ops to;
 * the interpreter maps each client worker to its current process (a worker whose op ended in {@code info} gets a
 * new process number, Jepsen's {@code p + concurrency}).
 */
public sealed interface Worker extends Comparable<Worker> permits Worker.Client, Worker.Nemesis {

    Worker NEMESIS = new Nemesis();

    static Worker client(int index) {
        return new Client(index);
    }

    /** Client worker number {@code index}, from 0. */
    record Client(int index) implements Worker {
        public Client {
            if (index < 0) {
                throw new IllegalArgumentException("a client worker index is 0 or more, not " + index);
            }
        }

        @Override
        public String toString() {
            return "worker " + index;
        }
    }

    /** The nemesis worker. */
    record Nemesis() implements Worker {
        @Override
        public String toString() {
            return "nemesis";
        }
    }

    /** Clients in index order, then the nemesis. */
    @Override
    default int compareTo(Worker other) {
        if (this instanceof Client a && other instanceof Client b) {
            return Integer.compare(a.index(), b.index());
        }
        return Boolean.compare(this instanceof Nemesis, other instanceof Nemesis);
    }
}
