package io.faultline.harness.cli;

import io.faultline.reports.ResultsServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code faultline serve}: the results browser over a run store, until Ctrl-C. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        description = {
            "Browse the stored runs and their reports in a web browser until Ctrl-C.",
            "",
            "Lists runs newest first with their verdicts, filters by verdict and name, and serves each run's"
                    + " report, history, results and node logs; nothing outside the store is served."
        })
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = "127.0.0.1",
            description = "Address to bind (default ${DEFAULT-VALUE}: this machine only).")
    String host;

    @Option(names = "--store", defaultValue = "store", description = "The run store (default ./${DEFAULT-VALUE}).")
    Path store;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (!Files.isDirectory(store)) {
            throw new IllegalArgumentException(
                    store + ": no run store here (run ./faultline test first, or pass" + " --store DIR)");
        }
        ResultsServer server;
        try {
            server = ResultsServer.start(store, new InetSocketAddress(host, port));
        } catch (IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("faultline serve: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "serve-shutdown"));
        out.println("serving " + store.toAbsolutePath() + " at " + server.uri());
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
