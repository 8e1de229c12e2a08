package io.faultline.checkers.history;

/** Who performed an op: a numbered client process or the nemesis. */
public sealed interface ProcessId permits ProcessId.Client, ProcessId.Nemesis {

    /** The nemesis, written {@code nemesis} (JSON) or {@code :nemesis} (EDN). */
    ProcessId NEMESIS = new Nemesis();

    static ProcessId client(long number) {
        return new Client(number);
    }

    /**
     * A client process. After an {@code info} completion Jepsen gives its thread a new number ({@code p +
     * concurrency}), so a number is never reused once it has an unknown outcome.
     *
     * @param number the process number, 0 or more
     */
    record Client(long number) implements ProcessId {
        public Client {
            if (number < 0) {
                throw new IllegalArgumentException("a client process number is 0 or more, not " + number);
            }
        }

        @Override
        public String toString() {
            return Long.toString(number);
        }
    }

    /** The nemesis process, which injects faults and whose ops are {@code info} on both ends. */
    record Nemesis() implements ProcessId {
        @Override
        public String toString() {
            return "nemesis";
        }
    }
}
