package io.faultline.checkers.history;

/**
 * Who performed an op: a numbered client process, the nemesis, or another named process. As in Jepsen
 * ({@code jepsen.history/client-op?}), only integer processes are clients; every other process (the nemesis, or any
 * keyword or string such as {@code :nem} in merged histories) takes no part in a client checker.
 */
public sealed interface ProcessId permits ProcessId.Client, ProcessId.Nemesis, ProcessId.Other {

    /** The nemesis, written {@code nemesis} (JSON) or {@code :nemesis} (EDN). */
    ProcessId NEMESIS = new Nemesis();

    static ProcessId client(long number) {
        return new Client(number);
    }

    /** The process named {@code name}: the nemesis for {@code nemesis}, another non-client process otherwise. */
    static ProcessId named(String name) {
        return name.equals("nemesis") ? NEMESIS : new Other(name);
    }

    /** Whether this is a client process (an integer process, in Jepsen's terms). */
    default boolean isClient() {
        return this instanceof Client;
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

    /**
     * A process that is neither a client nor {@code nemesis}, e.g. {@code :nem} or {@code :checker}: its ops are
     * counted and set aside, like the nemesis's.
     *
     * @param name the process's name, without a keyword's colon
     */
    record Other(String name) implements ProcessId {
        public Other {
            if (name.isEmpty() || name.equals("nemesis")) {
                throw new IllegalArgumentException(
                        "a named process is not empty and not 'nemesis', but '" + name + "'");
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }
}
