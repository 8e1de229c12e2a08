package io.faultline.harness.cluster;

import io.faultline.harness.docker.Docker;
import io.faultline.nemeses.FaultPackage;
import java.util.Locale;

/** Where a cluster's nodes run. */
public enum ClusterRuntime {
    /** Containers on a private Docker network: every fault family works. */
    CONTAINERS,
    /** Local JVMs on loopback: needs no Docker; faults inside a node's network stack are unavailable. */
    PROCESSES;

    /**
     * The runtime a test uses: {@code FAULTLINE_RUNTIME} ({@code containers} or {@code processes}) when set,
     * otherwise containers when a Docker engine answers and processes when none does.
     */
    public static ClusterRuntime choose() {
        String wanted = System.getenv("FAULTLINE_RUNTIME");
        if (wanted != null && !wanted.isBlank()) {
            return parse(wanted);
        }
        return Docker.available() ? CONTAINERS : PROCESSES;
    }

    public static ClusterRuntime parse(String name) {
        return switch (name.trim().toLowerCase(Locale.ROOT)) {
            case "containers", "container", "docker" -> CONTAINERS;
            case "processes", "process", "local" -> PROCESSES;
            default ->
                throw new IllegalArgumentException("runtime '" + name + "' is not one of: containers, processes");
        };
    }

    /**
     * Whether clusters of this runtime can offer what a fault package needs: containers offer everything (netem also
     * needs the host kernel's module, checked inside a node when a test starts); local processes share one network
     * and one clock, so only proxied links.
     */
    public boolean provides(FaultPackage.Need need) {
        return this == CONTAINERS || need == FaultPackage.Need.PROXIED_LINKS;
    }

    public Cluster start(ClusterSpec spec) {
        return switch (this) {
            case CONTAINERS -> ContainerCluster.start(spec);
            case PROCESSES -> ProcessCluster.start(spec);
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
