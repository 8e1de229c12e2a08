package io.faultline.proxy;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a {@link ToxiproxyServer} as a process: {@code --host} (default 127.0.0.1), {@code --port} (default 8474,
 * Toxiproxy's) and {@code --allow-remote-listen} (proxies may listen on any address, not only loopback: see {@link
 * ListenScope}). Prints one line once listening and stops cleanly on SIGTERM or Ctrl-C.
 */
public final class ProxyMain {

    private ProxyMain() {}

    /** The parsed command line. */
    record Options(String host, int port, ListenScope scope) {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Options options;
        try {
            options = parse(args);
        } catch (IllegalArgumentException e) {
            usage(System.err);
            System.err.println("error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options == null) {
            usage(System.out);
            return;
        }
        serveUntilStopped(options.host(), options.port(), options.scope(), System.out);
    }

    /**
     * Starts a server, prints one line once it listens, and returns only when the JVM shuts down (SIGTERM,
     * Ctrl-C), after closing every proxy. Shared by this class and {@code ./faultline proxy}.
     *
     * @throws IOException when the address cannot be bound
     */
    public static void serveUntilStopped(String host, int port, ListenScope scope, PrintStream out)
            throws IOException, InterruptedException {
        ToxiproxyServer server = ToxiproxyServer.start(new InetSocketAddress(host, port), scope);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            server.close();
                            stopped.countDown();
                        },
                        "proxy-shutdown"));
        out.println("faultline proxy (Toxiproxy API " + ToxiproxyServer.VERSION + ") listening on http://" + host + ":"
                + server.apiAddress().getPort()
                + (scope == ListenScope.ANY_ADDRESS ? ", proxies may listen on any address" : ""));
        out.flush();
        stopped.await();
    }

    /** Parses the arguments; null means help was asked for. */
    static Options parse(String[] args) {
        String host = "127.0.0.1";
        int port = 8474;
        ListenScope scope = ListenScope.LOOPBACK_ONLY;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "-h", "--help" -> {
                    return null;
                }
                case "--host" -> host = value(args, ++i, arg);
                case ListenScope.FLAG -> scope = ListenScope.ANY_ADDRESS;
                case "--port" -> {
                    String text = value(args, ++i, arg);
                    try {
                        port = Integer.parseInt(text);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--port must be a number, got \"" + text + "\"");
                    }
                    if (port < 0 || port > 65535) {
                        throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument \"" + arg + "\"");
            }
        }
        return new Options(host, port, scope);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static void usage(PrintStream out) {
        out.println("usage: faultline proxy [--host HOST] [--port PORT] [" + ListenScope.FLAG + "]");
        out.println("  A Toxiproxy-compatible server. --host defaults to 127.0.0.1, --port to 8474.");
        out.println("  Proxies listen on loopback only unless " + ListenScope.FLAG + " is given.");
    }
}
