package io.faultline.api;

import java.util.List;
import java.util.Objects;

/**
 * How a database's nodes run: not at all (the database lives in the harness's memory), as Faultline's bundled node,
 * or as the database's own program, which the harness starts, kills, pauses and restarts on either runtime.
 */
public sealed interface NodeSetup {

    /** No nodes: the database lives inside the harness (an in-memory fake for unit tests). */
    record None() implements NodeSetup {}

    /** Faultline's bundled store node with these extra arguments (for example its {@code --bug} switches). */
    record BundledNode(List<String> args) implements NodeSetup {
        public BundledNode {
            args = List.copyOf(args);
        }
    }

    /** The database's own program: a real server such as {@code redis-server}, {@code etcd} or {@code postgres}. */
    record Program(NodeProgram program) implements NodeSetup {
        public Program {
            Objects.requireNonNull(program, "program");
        }
    }

    static NodeSetup none() {
        return new None();
    }

    static NodeSetup bundled(List<String> args) {
        return new BundledNode(args);
    }

    static NodeSetup program(NodeProgram program) {
        return new Program(program);
    }
}
