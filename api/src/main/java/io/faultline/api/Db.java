package io.faultline.api;

import io.faultline.workloads.Consistency;
import io.faultline.workloads.Workload;
import java.util.List;

/**
 * A system under test as the harness sees it: how its nodes run, and clients for them. Databases are found by name
 * through {@link DbProvider} (ServiceLoader), so a plugin jar adds {@code --db mydb}. The optional capabilities below
 * ({@link Primaries}, {@link LogFiles}, {@link ServiceCheck}) are interfaces a db implements as well when it can.
 */
public interface Db {

    String name();

    /**
     * How the db's nodes run: its own {@link NodeProgram} (what a plugin answers), Faultline's bundled node, or none
     * for a db that lives in the harness's memory.
     */
    NodeSetup nodes();

    /**
     * A fresh client for client worker {@code worker} of the workload (its ops decide the calls, its parameters such
     * as a bank's accounts may shape them); clients are spread over the nodes.
     */
    Client openClient(ClusterView cluster, int worker, Workload workload);

    /** An optional capability: a database that can tell which nodes are primaries now. */
    interface Primaries {
        /** The current primaries, or an empty list when none is known. */
        List<String> primaries(ClusterView cluster);
    }

    /**
     * An optional capability: files on each node worth keeping with the run, such as logs the database writes
     * besides its output, or its write-ahead log. After the workload, before the cluster stops, the harness copies
     * each into the run directory as {@code <node>/<file name>}; a file a node does not have is skipped.
     */
    interface LogFiles {
        /** Paths relative to a node's data directory. */
        List<String> logFiles();
    }

    /**
     * An optional capability: a quick request that a working node answers, used to prove that a kill or pause
     * reached the database (the request stops completing) and that a start or resume brought it back.
     */
    interface ServiceCheck {
        /** Whether the node at {@code client} answers within {@code within}; never throws for a silent node. */
        boolean answers(HostPort client, java.time.Duration within);
    }

    /**
     * An optional capability: a database that cannot serve every workload or cluster size says so before the run
     * starts, so that a refusal costs no cluster and leaves no run directory behind (a run would otherwise learn it
     * from failed ops, or from a checker fooled by them).
     */
    interface Preflight {
        /**
         * Why this database cannot run {@code workload} on {@code nodes} nodes, in a sentence naming what it lacks
         * (for example the operation it does not serve), or empty when it can.
         */
        java.util.Optional<String> refusal(Workload workload, int nodes);
    }

    /**
     * An optional capability: the consistency a database promises, when it is not linearizability (which a db
     * without this capability is taken to promise). A run of a db promising {@link Consistency#SEQUENTIAL} is judged
     * by the workload's sequential-consistency checker ({@link Workload#checker(Consistency)}), with the
     * linearizability verdict computed too and shown beside it; a workload without such a checker keeps its usual
     * one, and the run says so.
     */
    interface ConsistencyPromise {
        Consistency promises();
    }

    /** Makes databases of one name; register an implementation in {@code META-INF/services}. */
    interface DbProvider {
        String name();

        /** @param bugs known-wrong modes to switch on; a db without any refuses a non-empty list */
        Db create(List<String> bugs);

        /**
         * A db with settings ({@code --db-opt key=value}) as well as bugs. A provider that takes settings overrides
         * this, refusing a key it does not know with {@link IllegalArgumentException} naming it; by default any
         * setting is refused and the bugs go to {@link #create(List)}.
         */
        default Db create(List<String> bugs, java.util.Map<String, String> options) {
            if (!options.isEmpty()) {
                throw new IllegalArgumentException("the db " + name() + " takes no --db-opt settings, so "
                        + String.join(", ", options.keySet()) + " cannot apply");
            }
            return create(bugs);
        }
    }
}
