package io.faultline.harness.cli;

import io.faultline.harness.cluster.Cluster;
import io.faultline.harness.cluster.ClusterRuntime;
import io.faultline.harness.cluster.ClusterSpec;
import io.faultline.harness.cluster.Node;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline cluster}: starts a cluster of the bundled store, reports how long it took, and holds it. */
@Command(
        name = "cluster",
        mixinStandardHelpOptions = true,
        description = {
            "Start a cluster of the bundled store and keep it up until Ctrl-C.",
            "",
            "Prints each node's client and peer address and the time until all were healthy; with --no-hold it"
                    + " stops the cluster at once (a measurement of start-up)."
        })
final class ClusterCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "5", description = "How many nodes (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--runtime", description = "containers or processes (default: containers when Docker answers).")
    String runtime;

    @Option(
            names = "--hold",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Keep the cluster until Ctrl-C (default); --no-hold stops it at once.")
    boolean hold;

    @Option(
            names = "--node-arg",
            description = "An extra argument for every node, repeatable (e.g. --node-arg=--bug=stale-reads).")
    List<String> nodeArgs = List.of();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        ClusterRuntime chosen = runtime == null ? ClusterRuntime.choose() : ClusterRuntime.parse(runtime);
        Path workDir = Files.createTempDirectory("faultline-cluster-");
        ClusterSpec clusterSpec = ClusterSpec.of(nodes, workDir).withNodeArgs(nodeArgs.toArray(String[]::new));
        long start = System.nanoTime();
        Cluster cluster = chosen.start(clusterSpec);
        double seconds = (System.nanoTime() - start) / 1e9;
        try {
            out.printf("%d nodes (%s) healthy in %.2f s; logs under %s%n", nodes, cluster.runtime(), seconds, workDir);
            for (Node node : cluster.nodes()) {
                out.printf("  %-4s client http://%s  peer %s%n", node.id(), node.clientAddress(), node.peerAddress());
            }
            if (hold) {
                out.println("holding the cluster; Ctrl-C stops it");
                out.flush();
                CountDownLatch stopped = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    cluster.close();
                    stopped.countDown();
                }));
                stopped.await();
            }
        } finally {
            if (!hold) {
                long stopStart = System.nanoTime();
                cluster.close();
                out.printf("stopped in %.2f s%n", (System.nanoTime() - stopStart) / 1e9);
            }
        }
        return ExitCodes.OK;
    }
}
