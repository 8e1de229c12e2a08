package io.faultline.harness.cli;

import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.NodeProcesses;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.DockerEngine;
import io.faultline.harness.docker.EngineInfo;
import io.faultline.harness.images.ImageBuilder;
import io.faultline.harness.images.NodeImage;
import io.faultline.harness.images.PrometheusImage;
import io.faultline.harness.monitoring.GrafanaMonitor;
import io.faultline.harness.os.LocalCommand;
import io.faultline.nemeses.FaultPackages;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultline doctor}: what this machine can do, each missing piece with its fix. */
@Command(
        name = "doctor",
        mixinStandardHelpOptions = true,
        description = {
            "Report what this machine can do, and how to fix what is missing.",
            "",
            "Docker engine, images, debootstrap, the fault tools inside a node (iptables, tc tbf, netem, NFQUEUE,"
                    + " libfaketime) and which runtime tests would use."
        })
final class DoctorCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Option(
            names = "--plugin-path",
            split = ":",
            paramLabel = "JAR_OR_DIR",
            description = "Plugin jars, or folders of them, whose databases doctor checks as well"
                    + " (default: $FAULTLINE_PLUGIN_PATH).")
    List<java.nio.file.Path> pluginPath = new ArrayList<>();

    /** One line of the report. */
    record Finding(boolean ok, String what, String detail, String fix) {
        String render() {
            return String.format(
                    "%-6s %-28s %s%s",
                    ok ? "[ok]" : "[--]",
                    what,
                    detail,
                    ok || fix.isEmpty() ? "" : "\n" + " ".repeat(36) + "fix: " + fix);
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PluginPath.install(pluginPath);
        List<Finding> findings = new ArrayList<>();
        findings.add(new Finding(true, "java", Runtime.version() + " at " + System.getProperty("java.home"), ""));
        Optional<EngineInfo> engine = DockerEngine.probe();
        findings.add(engine.map(e -> new Finding(
                        true, "docker engine", e.version() + ", API " + e.apiVersion() + " at " + e.endpoint(), ""))
                .orElseGet(() -> new Finding(false, "docker engine", "not reachable", DockerEngine.whyUnreachable())));
        findings.add(
                LocalCommand.onPath("debootstrap")
                        ? new Finding(true, "debootstrap", "installed", "")
                        : new Finding(
                                false,
                                "debootstrap",
                                "not installed (needed to build the base image without a registry)",
                                "apt-get install debootstrap"));
        boolean imagesReady = false;
        if (engine.isPresent()) {
            Docker.engine();
            NodeImage node = NodeImage.defaultImage();
            ImageBuilder images = new ImageBuilder(line -> {});
            boolean base = images.present(node.base().tag());
            imagesReady = base && images.present(node.tag());
            findings.add(image(node.base().tag(), base));
            findings.add(image(node.tag(), imagesReady));
            findings.add(monitoringImages(
                    images.present(PrometheusImage.defaultImage().tag()),
                    DockerEngine.imagePresent(GrafanaMonitor.DEFAULT_GRAFANA_IMAGE)));
        }
        if (imagesReady) {
            findings.addAll(NodeToolProbe.probe(NodeImage.defaultImage().tag()));
        } else {
            findings.add(new Finding(
                    false,
                    "faults inside a node",
                    "not probed: no node image",
                    engine.isPresent() ? "./faultline images" : "start a Docker engine, then ./faultline images"));
        }
        ClusterRuntime runtime = engine.isPresent() ? ClusterRuntime.CONTAINERS : ClusterRuntime.PROCESSES;
        String override = System.getenv("FAULTLINE_RUNTIME");
        findings.add(new Finding(
                true,
                "runtime for tests",
                (override != null && !override.isBlank() ? ClusterRuntime.parse(override) : runtime).label()
                        + (override != null && !override.isBlank()
                                ? " (FAULTLINE_RUNTIME)"
                                : engine.isPresent()
                                        ? " (a Docker engine answers)"
                                        : " (no Docker engine: local processes, network faults inside nodes unavailable)"),
                ""));
        List<NodeProcesses.NodeProcess> orphans = NodeProcesses.orphans();
        findings.add(
                orphans.isEmpty()
                        ? new Finding(true, "leftovers of dead runs", "no node process of a dead run", "")
                        : new Finding(
                                false,
                                "leftovers of dead runs",
                                orphans.size() + " node processes whose harness is gone"
                                        + (orphans.stream().anyMatch(NodeProcesses.NodeProcess::stopped)
                                                ? ", some paused"
                                                : ""),
                                "./faultline clean"));
        List<String> containerLeftovers = Docker.takeLeftoversRemoved();
        if (!containerLeftovers.isEmpty()) {
            findings.add(new Finding(
                    true,
                    "leftovers of dead runs",
                    "removed " + containerLeftovers.size() + " containers and networks of dead runs",
                    ""));
        }
        ClusterRuntime chosen = override != null && !override.isBlank() ? ClusterRuntime.parse(override) : runtime;
        boolean iptables = findings.stream().anyMatch(f -> f.ok() && f.what().startsWith("iptables"));
        boolean faketime = findings.stream().anyMatch(f -> f.ok() && f.what().startsWith("libfaketime"));
        boolean netem = findings.stream().anyMatch(f -> f.ok() && f.what().startsWith("tc netem"));
        findings.add(nemeses(chosen, iptables, faketime, netem));
        findings.addAll(PluginNeeds.findings(tag -> engine.isPresent() && DockerEngine.imagePresent(tag)));
        findings.add(new Finding(
                true,
                "faultline-store engines",
                io.faultline.harness.db.BundledStore.ENGINES.values().stream()
                        .map(e -> e.name() + " (" + String.join(" ", new java.util.TreeSet<>(e.functions()))
                                + (e.bugs().isEmpty() ? "" : "; bugs " + String.join(", ", e.bugs())) + ")")
                        .collect(java.util.stream.Collectors.joining(", ")),
                ""));
        findings.forEach(f -> out.println(f.render()));
        return ExitCodes.OK;
    }

    /** Which fault packages a test on this machine can use. */
    static Finding nemeses(
            ClusterRuntime runtime, boolean iptablesInNodes, boolean faketimeInNodes, boolean netemInNodes) {
        List<String> usable = new ArrayList<>();
        List<String> not = new ArrayList<>();
        for (String name : FaultPackages.DESCRIPTIONS.keySet()) {
            boolean met =
                    FaultPackages.create(name, List.of("n1", "n2", "n3"), java.time.Duration.ofSeconds(10))
                            .needs()
                            .stream()
                            .allMatch(need -> runtime.provides(need)
                                    && switch (need) {
                                        case OWN_NETWORK -> iptablesInNodes;
                                        case OWN_CLOCK -> faketimeInNodes;
                                        case KERNEL_NETEM -> netemInNodes;
                                        case PROXIED_LINKS -> true;
                                    });
            if (met) {
                usable.add(name);
            } else {
                not.add(name);
            }
        }
        return new Finding(
                not.isEmpty(),
                "nemeses",
                String.join(", ", usable) + (not.isEmpty() ? "" : "; not here: " + String.join(", ", not)),
                "partitions and packet loss need the containers runtime with iptables inside the nodes; clock faults"
                        + " need it with libfaketime inside the nodes; netem needs a host kernel with sch_netem");
    }

    /** What {@code --grafana} can run here: Prometheus from a local build, Grafana only when its image is here. */
    static Finding monitoringImages(boolean prometheus, boolean grafana) {
        String prometheusTag = PrometheusImage.defaultImage().tag();
        String detail = (prometheus ? prometheusTag : prometheusTag + " not built (a run builds it)") + "; "
                + (grafana
                        ? GrafanaMonitor.DEFAULT_GRAFANA_IMAGE
                        : GrafanaMonitor.DEFAULT_GRAFANA_IMAGE + " not present (--grafana runs Prometheus alone"
                                + " unless it can be pulled)");
        return new Finding(
                prometheus && grafana,
                "--grafana images",
                detail,
                (prometheus ? "" : "./faultline images; ")
                        + (grafana
                                ? ""
                                : "docker pull " + GrafanaMonitor.DEFAULT_GRAFANA_IMAGE
                                        + " where a registry is reachable (Debian packages no Grafana)"));
    }

    private static Finding image(String tag, boolean present) {
        return present
                ? new Finding(true, "image", tag, "")
                : new Finding(false, "image", tag + " not built", "./faultline images");
    }
}
