package io.faultline.nemeses;

import io.faultline.checkers.history.FaultVocabulary;
import io.faultline.checkers.history.FaultWindowKind;
import io.faultline.workloads.generator.Gen;
import io.faultline.workloads.generator.Generator;
import java.util.List;
import java.util.Set;

/**
 * A fault family ready to use (Jepsen's nemesis package): the schedule of fault ops for the nemesis worker, the
 * ops that end every fault before the final phase, the nemesis that applies them, and what the nodes must offer.
 *
 * @param name e.g. {@code partition}
 * @param schedule endless nemesis ops (the test time-limits it)
 * @param finalGenerator ops that heal, run once after the schedule
 * @param nemesis the mechanism
 * @param needs what the cluster must provide for these faults
 */
public record FaultPackage(
        String name,
        Generator schedule,
        Generator finalGenerator,
        Nemesis nemesis,
        Set<Need> needs,
        List<FaultWindowKind> windows) {

    /** What a fault family needs from the nodes, beyond starting and stopping them. */
    public enum Need {
        /** Commands inside each node's own network namespace (iptables): the containers runtime. */
        OWN_NETWORK("iptables inside each node's own network (the containers runtime)"),
        /**
         * Each node's program started under libfaketime, its clock offset read from a file: the containers runtime,
         * with {@link ClockNemesis#ENVIRONMENT} set when the nodes start.
         */
        OWN_CLOCK("libfaketime inside each node (the containers runtime)"),
        /**
         * The kernel's netem queueing discipline, driven by tc inside each node: the containers runtime on a kernel
         * with {@code sch_netem} (checked inside a node before load starts, {@link NetemNemesis#PROBE}).
         */
        KERNEL_NETEM("the kernel's netem queueing discipline (sch_netem), driven by tc inside each node (the containers"
                + " runtime)"),
        /** Every directed node-to-node link through its own Toxiproxy-compatible proxy (either runtime). */
        PROXIED_LINKS("every node-to-node link through its own proxy");

        private final String description;

        Need(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    public FaultPackage {
        needs = Set.copyOf(needs);
        windows = List.copyOf(windows);
        FaultVocabulary.with(windows); // refuses a declared window that reuses a built-in nemesis function
    }

    public FaultPackage(String name, Generator schedule, Generator finalGenerator, Nemesis nemesis, Set<Need> needs) {
        this(name, schedule, finalGenerator, nemesis, needs, List.of());
    }

    /**
     * The same package declaring the fault families its own nemesis functions start and stop, so that reports shade
     * their windows and compute availability in them as for the built-in faults (written to the run's
     * {@code test.json} as {@code fault_windows}).
     */
    public FaultPackage withWindows(FaultWindowKind... declared) {
        return new FaultPackage(name, schedule, finalGenerator, nemesis, needs, List.of(declared));
    }

    /** A package that needs nothing of the nodes beyond starting and stopping them. */
    public FaultPackage(String name, Generator schedule, Generator finalGenerator, Nemesis nemesis) {
        this(name, schedule, finalGenerator, nemesis, Set.of());
    }

    public static FaultPackage none() {
        return new FaultPackage("none", Gen.empty(), Gen.empty(), Nemesis.NONE);
    }

    public boolean injectsFaults() {
        return nemesis != Nemesis.NONE;
    }
}
