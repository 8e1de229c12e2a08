package io.faultline.workloads;

import io.faultline.checkers.Checker;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;

/**
 * What a test does to the system and how its history is judged: the client ops (an endless generator; the test
 * adds rate and time limit), the ops after the faults are healed (final reads), and the checker. The ops a
 * workload emits ({@code f}, value, {@code key}) are what a database's client must implement.
 */
public interface Workload {

    /** The name used on the command line, e.g. {@code register}. */
    String name();

    /** One sentence for {@code --help}. */
    String description();

    /** The functions this workload invokes, e.g. read, write, cas: a client must support all of them. */
    java.util.Set<String> functions();

    /** An endless stream of client ops. */
    Generator generator();

    /** Ops for every client after the faults are healed and the system had time to recover; empty by default. */
    default Generator finalGenerator() {
        return Gen.empty();
    }

    /** The checker this workload's histories need (the harness adds the stats guard). */
    Checker checker();

    /**
     * A checker judging this workload's histories by {@code model}, when the workload has one; none by default.
     * The harness asks for the model a database promises when that is not linearizability (a register store whose
     * reads are served by the client's own replica is judged by sequential consistency).
     */
    default java.util.Optional<Checker> checker(Consistency model) {
        return java.util.Optional.empty();
    }
}
