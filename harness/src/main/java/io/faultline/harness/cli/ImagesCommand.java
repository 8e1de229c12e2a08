package io.faultline.harness.cli;

import io.faultline.harness.docker.Docker;
import io.faultline.harness.images.ImageBuilder;
import io.faultline.harness.images.NodeImage;
import io.faultline.harness.images.PrometheusImage;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code faultline images}: builds the base and node images when they are missing. */
@Command(
        name = "images",
        mixinStandardHelpOptions = true,
        description = {
            "Build the node images and the Prometheus image of --grafana (no registry needed).",
            "",
            "The base comes from debootstrap + docker import, the node image adds a jlink'ed runtime and the node"
                    + " jar, the Prometheus image Debian's prometheus package. Images already built from the same"
                    + " inputs are kept.",
            "FAULTLINE_BASE_IMAGE=debian:bookworm-slim builds the base from a registry image instead."
        })
final class ImagesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Docker.engine();
        NodeImage node = NodeImage.defaultImage();
        ImageBuilder builder = new ImageBuilder(line -> out.println("  " + line));
        List<ImageBuilder.Outcome> outcomes = new java.util.ArrayList<>(builder.ensure(node));
        outcomes.add(builder.ensure(PrometheusImage.defaultImage()).getLast());
        for (ImageBuilder.Outcome o : outcomes) {
            out.printf(
                    "%-34s %s in %.1f s%n",
                    o.tag(), o.built() ? "built" : "present", o.took().toMillis() / 1000.0);
        }
        for (String tag : new ImageBuilder(line -> {}).pruneSuperseded(node)) {
            out.println("removed superseded " + tag);
        }
        return ExitCodes.OK;
    }
}
