package io.faultline.harness.cli;

import io.faultline.proxy.ListenScope;
import io.faultline.proxy.ProxyMain;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code faultline proxy}: a Toxiproxy-compatible server (HTTP API, proxies, toxics) in the foreground, for the
 * official clients and for anyone who cannot install Shopify's binary. Stops on SIGTERM or Ctrl-C.
 */
@Command(
        name = "proxy",
        mixinStandardHelpOptions = true,
        description = {
            "Run a Toxiproxy-compatible proxy server until Ctrl-C.",
            "",
            "It speaks Toxiproxy's HTTP API with the latency, bandwidth, slow_close, timeout, reset_peer, slicer and"
                    + " limit_data toxics.",
            "Any Toxiproxy client drives it, e.g. eu.rekawek.toxiproxy:toxiproxy-java. docs/proxy.md lists the"
                    + " API and where it differs from Toxiproxy."
        })
final class ProxyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8474", description = "API port (default ${DEFAULT-VALUE}, Toxiproxy's).")
    int port;

    @Option(
            names = ListenScope.FLAG,
            description = "Let proxies listen on any address (0.0.0.0, outward interfaces); without it a listen"
                    + " address that is not loopback is refused with 400.")
    boolean allowRemoteListen;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--port must be 0..65535, not " + port);
        }
        try {
            ProxyMain.serveUntilStopped(
                    host, port, allowRemoteListen ? ListenScope.ANY_ADDRESS : ListenScope.LOOPBACK_ONLY, System.out);
        } catch (IOException e) {
            spec.commandLine()
                    .getErr()
                    .println("faultline proxy: cannot listen on " + host + ":" + port + ": " + e.getMessage());
            return ExitCodes.BAD_INPUT;
        }
        return ExitCodes.OK;
    }
}
