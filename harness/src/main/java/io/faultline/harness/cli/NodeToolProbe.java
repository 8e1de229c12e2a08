package io.faultline.harness.cli;

import com.github.dockerjava.api.model.Capability;
import io.faultline.harness.docker.Leftovers;
import io.faultline.nemeses.NetemNemesis;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.testcontainers.containers.Container;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** Tries each fault tool inside a throwaway node container (with NET_ADMIN, as nodes run) and reports what works. */
final class NodeToolProbe {

    private record Probe(String what, String command, String fix) {}

    private static final List<Probe> PROBES = List.of(
            new Probe(
                    "iptables (partitions, loss)",
                    "iptables -w -A OUTPUT -p tcp --dport 1 -j DROP && iptables -w -D OUTPUT -p tcp --dport 1 -j DROP",
                    "the host kernel needs iptables/nftables support; the node needs NET_ADMIN"),
            new Probe(
                    "tc tbf (bandwidth)",
                    "tc qdisc add dev eth0 root tbf rate 1mbit burst 32kbit latency 400ms && tc qdisc del dev eth0 root",
                    "load the sch_tbf kernel module on the host (modprobe sch_tbf)"),
            new Probe(
                    "tc netem (delay, loss)",
                    NetemNemesis.PROBE,
                    "this kernel has no sch_netem (modprobe sch_netem); --nemesis netem is refused, and latency"
                            + " faults go through the proxies instead"),
            new Probe(
                    "NFQUEUE (packet delayer)",
                    "iptables -w -A OUTPUT -p udp --dport 9 -j NFQUEUE --queue-num 0 --queue-bypass"
                            + " && iptables -w -D OUTPUT -p udp --dport 9 -j NFQUEUE --queue-num 0 --queue-bypass",
                    "load nfnetlink_queue and xt_NFQUEUE on the host"),
            new Probe(
                    "libfaketime (clock skew)",
                    "test -e /usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
                    "rebuild the images: ./faultline images"));

    private NodeToolProbe() {}

    static List<DoctorCommand.Finding> probe(String image) {
        List<DoctorCommand.Finding> findings = new ArrayList<>();
        try (GenericContainer<?> node = new GenericContainer<>(DockerImageName.parse(image))
                .withLabels(Leftovers.labels(
                        "doctor-" + UUID.randomUUID().toString().substring(0, 8)))
                .withCreateContainerCmdModifier(cmd -> {
                    cmd.withEntrypoint("sleep", "120");
                    cmd.getHostConfig().withCapAdd(Capability.NET_ADMIN);
                })
                .waitingFor(Wait.forSuccessfulCommand("true"))) {
            node.start();
            for (Probe probe : PROBES) {
                Container.ExecResult result = node.execInContainer("sh", "-c", probe.command() + " 2>&1");
                boolean ok = result.getExitCode() == 0;
                String output = (result.getStdout() + result.getStderr())
                        .strip()
                        .lines()
                        .findFirst()
                        .orElse("");
                findings.add(new DoctorCommand.Finding(
                        ok, probe.what(), ok ? "works inside a node" : "unavailable: " + output, probe.fix()));
            }
        } catch (IOException | RuntimeException e) {
            findings.add(new DoctorCommand.Finding(
                    false,
                    "faults inside a node",
                    "probe failed: " + e.getMessage(),
                    "./faultline images, then try again"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return findings;
    }
}
