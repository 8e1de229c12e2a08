package io.faultline.reports;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;

/**
 * The results browser behind {@code faultline serve}: an HTTP server (the JDK's) over a store directory. {@code /}
 * lists the runs newest first with their verdicts, test name, time, duration and parameters, filtered by {@code
 * ?verdict=valid|invalid|unknown} and {@code ?name=part-of-the-test-name}; {@code /runs/<test>/<run>/<file>} serves
 * a run's files with their content types, generating a missing {@code report.html} on the way. Nothing outside the
 * store is served: see {@link StorePaths} for the rules. Only GET and HEAD are answered, only to requests whose
 * {@code Host} names this server ({@link HostCheck}, against DNS rebinding: 421 otherwise), and every answer
 * carries a {@link ContentPolicy} without {@code 'unsafe-inline'} that forbids framing. What cannot be served (a
 * run whose history cannot be read, any failure) is an HTML error page with its status, never a dropped connection.
 */
public final class ResultsServer implements AutoCloseable {
    /** The port {@code faultline serve} uses by default. */
    public static final int DEFAULT_PORT = 8080;

    static final String RUNS = "/runs/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "json", "application/json; charset=utf-8",
            "jsonl", "text/plain; charset=utf-8",
            "log", "text/plain; charset=utf-8",
            "txt", "text/plain; charset=utf-8",
            "edn", "text/plain; charset=utf-8",
            "png", "image/png");

    private final HttpServer server;
    private final ExecutorService executor;
    private final StorePaths paths;
    private final HostCheck hosts;
    private final Object reportLock = new Object();

    private ResultsServer(HttpServer server, ExecutorService executor, StorePaths paths, String bindName) {
        this.server = server;
        this.executor = executor;
        this.paths = paths;
        this.hosts = new HostCheck(server.getAddress(), bindName);
    }

    /** Loopback on {@code port}: the browser binds 127.0.0.1 unless told otherwise. */
    public static InetSocketAddress loopback(int port) {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    }

    /**
     * Starts serving {@code store} on {@code bind} (port 0 picks a free port; see {@link #address()}).
     *
     * @throws IOException when the store does not exist or the address cannot be bound
     */
    public static ResultsServer start(Path store, InetSocketAddress bind) throws IOException {
        if (!Files.isDirectory(store)) {
            throw new IOException(store + ": the store is not a directory");
        }
        StorePaths paths = new StorePaths(store);
        HttpServer http = HttpServer.create(bind, 0);
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "faultline-serve");
            t.setDaemon(true);
            return t;
        });
        ResultsServer results = new ResultsServer(http, executor, paths, bind.getHostString());
        http.createContext("/", results::handle);
        http.setExecutor(executor);
        http.start();
        return results;
    }

    /** The bound address (with the real port when 0 was asked for). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    /** The front page's URI, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = address();
        return URI.create("http://" + hostForUri(a) + ":" + a.getPort() + "/");
    }

    /** The bound IP as a URI's host: IPv6 in brackets. */
    static String hostForUri(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /** Stops serving: waits up to a second for exchanges in progress. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            try {
                route(exchange);
            } catch (RunReportException e) {
                error(exchange, 500, "No report for this run", e.getMessage());
            } catch (RuntimeException e) {
                error(exchange, 500, "Internal error", String.valueOf(e));
            }
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        Optional<String> misdirected =
                hosts.refusal(exchange.getRequestHeaders().getFirst("Host"));
        if (misdirected.isPresent()) {
            error(exchange, 421, "Misdirected request", misdirected.get());
            return;
        }
        String method = exchange.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            send(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            return;
        }
        String raw = exchange.getRequestURI().getRawPath();
        if (raw == null || raw.isEmpty() || raw.equals("/")) {
            index(exchange);
        } else if (raw.startsWith(RUNS)) {
            file(exchange, raw.substring(RUNS.length()));
        } else {
            send(exchange, 404, "text/plain; charset=utf-8", "not found\n");
        }
    }

    /** An HTML error page, unless the answer's head has already gone out (then only the connection can end). */
    private static void error(HttpExchange exchange, int status, String title, String reason) throws IOException {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        send(exchange, status, TYPES.get("html"), ErrorPage.render(status, title, reason));
    }

    private void index(HttpExchange exchange) throws IOException {
        Map<String, String> query = Query.parse(exchange.getRequestURI().getRawQuery());
        String verdict = query.getOrDefault("verdict", "");
        String name = query.getOrDefault("name", "");
        List<RunEntry> all = RunIndex.scan(paths.store());
        String page = IndexPage.render(paths.store(), RunIndex.filter(all, verdict, name), all.size(), verdict, name);
        send(exchange, 200, TYPES.get("html"), page);
    }

    private void file(HttpExchange exchange, String rawRelative) throws IOException {
        boolean wantsReport = rawRelative.endsWith("/" + RunReport.FILE_NAME);
        StorePaths.Lookup lookup = paths.lookup(rawRelative);
        if (lookup instanceof StorePaths.Refused refused && wantsReport && refused.status() == 404) {
            lookup = generateReport(rawRelative, refused);
        }
        switch (lookup) {
            case StorePaths.Refused r -> send(exchange, r.status(), "text/plain; charset=utf-8", r.why() + "\n");
            case StorePaths.Found f when Files.isDirectory(f.path()) -> directory(exchange, f);
            case StorePaths.Found f -> {
                String type = TYPES.getOrDefault(extension(f.path()), "application/octet-stream");
                headers(exchange, type);
                long size = Files.size(f.path());
                boolean head = exchange.getRequestMethod().equals("HEAD");
                exchange.sendResponseHeaders(200, head ? -1 : (size == 0 ? -1 : size));
                if (!head && size > 0) {
                    try (InputStream in = Files.newInputStream(f.path());
                            OutputStream out = exchange.getResponseBody()) {
                        in.transferTo(out);
                    }
                }
            }
        }
    }

    /** A missing report of a run directory is written, then looked up again (through the same checks). */
    private StorePaths.Lookup generateReport(String rawRelative, StorePaths.Refused notFound) {
        String rawRun = rawRelative.substring(0, rawRelative.length() - RunReport.FILE_NAME.length());
        if (!(paths.lookup(rawRun) instanceof StorePaths.Found run)
                || !Files.isDirectory(run.path())
                || !RunIndex.isRun(run.path())) {
            return notFound;
        }
        synchronized (reportLock) {
            if (!Files.exists(run.path().resolve(RunReport.FILE_NAME))) {
                RunReport.write(run.path());
            }
        }
        return paths.lookup(rawRelative);
    }

    private void directory(HttpExchange exchange, StorePaths.Found dir) throws IOException {
        String raw = exchange.getRequestURI().getRawPath();
        if (!raw.endsWith("/")) {
            exchange.getResponseHeaders().set("Location", raw + "/");
            send(exchange, 301, "text/plain; charset=utf-8", "moved\n");
            return;
        }
        if (RunIndex.isRun(dir.path()) && Files.isRegularFile(dir.path().resolve(RunFiles.HISTORY))) {
            exchange.getResponseHeaders().set("Location", raw + RunReport.FILE_NAME);
            send(exchange, 302, "text/plain; charset=utf-8", "see the report\n");
            return;
        }
        List<String> entries;
        try (Stream<Path> children = Files.list(dir.path())) {
            entries = children.map(p -> p.getFileName().toString() + (Files.isDirectory(p) ? "/" : ""))
                    .filter(n -> !n.startsWith("."))
                    .sorted()
                    .toList();
        }
        send(exchange, 200, TYPES.get("html"), IndexPage.listing(String.join("/", dir.segments()) + "/", entries));
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static void headers(HttpExchange exchange, String type) {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Content-Security-Policy", ContentPolicy.HEADER);
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers(exchange, type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
