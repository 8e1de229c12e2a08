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

    /** Removes containers, then networks, whose owner ran on this host and no longer lives. */
    public static void removeOrphans(DockerClient docker) {
        List<Container> containers = docker.listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of(MANAGED, "true"))
                .exec();
        for (Container c : containers) {
            if (orphaned(c.getLabels().get(OWNER))) {
                LOG.info(
                        "removing leftover container {} of a dead run ({})",
                        c.getNames()[0],
                        c.getLabels().get(OWNER));
                quietly(() -> docker.removeContainerCmd(c.getId())
                        .withForce(true)
                        .withRemoveVolumes(true)
                        .exec());
            }
        }
        List<Network> networks = docker.listNetworksCmd()
                .withFilter("label", List.of(MANAGED + "=true"))
                .exec();
        for (Network n : networks) {
            if (orphaned(n.getLabels().get(OWNER))) {
                LOG.info("removing leftover network {} of a dead run", n.getName());
                quietly(() -> docker.removeNetworkCmd(n.getId()).exec());
            }
        }
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

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("could not remove a leftover: {}", e.getMessage());
        }
    }
}
