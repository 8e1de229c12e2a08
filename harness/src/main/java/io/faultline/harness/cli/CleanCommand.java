package io.faultline.harness.cli;

import io.faultline.harness.cluster.NodeProcesses;
import io.faultline.harness.docker.Docker;
import io.faultline.harness.docker.Leftovers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultline clean}: removes what dead runs left behind, on both runtimes, and nothing a live run owns. */
@Command(
        name = "clean",
        mixinStandardHelpOptions = true,
        description = {
            "Remove what runs whose harness died (kill -9, a crash) left behind, and say what it was.",
            "",
            "Local processes: node JVMs whose harness is gone, continued first if paused, then killed. Containers"
                    + " (when a Docker engine answers): containers, paused ones too, and networks whose owning"
                    + " harness is gone. Anything a live run owns is left alone. Every test run does the same"
                    + " before it starts."
        })
final class CleanCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> removed = new ArrayList<>();
        for (NodeProcesses.NodeProcess node : NodeProcesses.removeOrphans()) {
            removed.add(node.toString());
        }
        long live = NodeProcesses.all().stream().filter(p -> !p.orphaned()).count();
        if (Docker.available()) {
            Docker.engine();
            removed.addAll(Docker.takeLeftoversRemoved());
            removed.addAll(Leftovers.removeOrphans(Docker.client()));
        } else {
            out.println("no Docker engine answers: only local processes were looked at");
        }
        removed.forEach(line -> out.println("removed " + line));
        out.println(
                removed.isEmpty() ? "nothing left behind by dead runs" : "removed " + removed.size() + " leftovers");
        if (live > 0) {
            out.println("left alone: " + live + " node processes of live runs");
        }
        return ExitCodes.OK;
    }
}
