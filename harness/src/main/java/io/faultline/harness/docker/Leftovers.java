package io.faultline.harness.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labels on every container and network the harness creates, and the removal of those whose owner process is gone.
 * This replaces Ryuk, which cannot run without a registry: a run that crashes leaves its containers behind, and the
 * next run on the same host removes them.
 */
public final class Leftovers {

    /** Present on everything Faultline creates. */
    public static final String MANAGED = "io.faultline.managed";
    /** {@code host:pid} of the JVM that created it. */
    public static final String OWNER = "io.faultline.owner";
    /** The cluster (run) it belongs to. */
    public static final String CLUSTER = "io.faultline.cluster";

    private static final Logger LOG = LoggerFactory.getLogger(Leftovers.class);

    private Leftovers() {}

    /** The labels for a resource of the given cluster, owned by this JVM. */
    public static Map<String, String> labels(String clusterId) {
        return Map.of(MANAGED, "true", OWNER, self(), CLUSTER, clusterId);
    }

    static String self() {
        return hostname() + ":" + ProcessHandle.current().pid();
    }

    /**
     * Removes containers (paused ones too), then networks, whose owner ran on this host and no longer lives; returns
     * a line for each, naming it and its dead owner.
     */
    public static List<String> removeOrphans(DockerClient docker) {
        List<String> removed = new java.util.ArrayList<>();
        List<Container> containers = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(MANAGED, "true"))
                .exec();
        for (Container c : containers) {
            String owner = c.getLabels().get(OWNER);
            if (orphaned(owner)) {
                String what = "container " + c.getNames()[0] + " (" + c.getState() + ") of a dead run (" + owner + ")";
                LOG.info("removing leftover {}", what);
                if (quietly(() -> docker.removeContainerCmd(c.getId())
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec())) {
                    removed.add(what);
                }
            }
        }
        List<Network> networks = docker.listNetworksCmd()
                .withFilter("label", List.of(MANAGED + "=true"))
                .exec();
        for (Network n : networks) {
            String owner = n.getLabels().get(OWNER);
            if (orphaned(owner)) {
                String what = "network " + n.getName() + " of a dead run (" + owner + ")";
                LOG.info("removing leftover {}", what);
                if (quietly(() -> docker.removeNetworkCmd(n.getId()).exec())) {
                    removed.add(what);
                }
            }
        }
        return removed;
    }

    static boolean orphaned(String owner) {
        if (owner == null || !owner.contains(":")) {
            return false;
        }
        String host = owner.substring(0, owner.lastIndexOf(':'));
        long pid;
        try {
            pid = Long.parseLong(owner.substring(owner.lastIndexOf(':') + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        return host.equals(hostname())
                && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
    }

    static String hostname() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/hostname"))
                    .trim();
        } catch (java.io.IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("localhost");
        }
    }

    private static boolean quietly(Runnable r) {
        try {
            r.run();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("could not remove a leftover: {}", e.getMessage());
            return false;
        }
    }
}
