package io.faultline.proxy.internal;

import io.faultline.proxy.ListenFailedException;
import io.faultline.proxy.ProxyView;
import io.faultline.proxy.Stream;
import io.faultline.proxy.ToxicSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One proxy: its configuration, its toxic chains, and while enabled its listener and live connections. Every
 * change to the chains reaches the live connections at once. Thread-safe.
 */
public final class RunningProxy {

    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final String name;
    private final ScheduledExecutorService timers;
    private final ProxyMetrics metrics = new ProxyMetrics();
    private final Map<Stream, List<ToxicSpec>> chains = new EnumMap<>(Stream.class);
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private String listen;
    private String upstream;
    private ServerSocket listener;
    private Thread acceptor;

    public RunningProxy(String name, String listen, String upstream, ScheduledExecutorService timers) {
        this.name = name;
        this.listen = listen;
        this.upstream = upstream;
        this.timers = timers;
        chains.put(Stream.UPSTREAM, List.of());
        chains.put(Stream.DOWNSTREAM, List.of());
    }

    public String name() {
        return name;
    }

    public ProxyMetrics metrics() {
        return metrics;
    }

    public int activeConnections() {
        return connections.size();
    }

    ScheduledExecutorService timers() {
        return timers;
    }

    public synchronized ProxyView view() {
        return new ProxyView(name, listen, upstream, listener != null, toxics());
    }

    public synchronized boolean enabled() {
        return listener != null;
    }

    public synchronized String listen() {
        return listen;
    }

    public synchronized String upstream() {
        return upstream;
    }

    /** Binds the listen address and starts accepting; the listen address then shows the bound port. */
    public synchronized void start() {
        if (listener != null) {
            return;
        }
        HostPort address = HostPort.parse("listen", listen);
        ServerSocket socket = null;
        try {
            socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(
                    address.host().isEmpty()
                            ? new InetSocketAddress(address.port())
                            : new InetSocketAddress(address.host(), address.port()),
                    128);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new ListenFailedException(name, listen, e);
        }
        listener = socket;
        listen = HostPort.format(socket.getInetAddress(), socket.getLocalPort());
        ServerSocket accepting = socket;
        acceptor = Thread.ofVirtual().name("proxy-" + name + "-accept").start(() -> acceptLoop(accepting));
    }

    /** Closes the listener and every live connection; new connections are refused. */
    public synchronized void stop() {
        if (listener == null) {
            return;
        }
        closeQuietly(listener);
        listener = null;
        awaitAcceptorExit();
        for (Connection connection : List.copyOf(connections)) {
            connection.terminate();
        }
    }

    /** Changes the addresses; a running proxy restarts on them, which ends its live connections. */
    public synchronized void readdress(String newListen, String newUpstream) {
        if (newListen.equals(listen) && newUpstream.equals(upstream)) {
            return;
        }
        boolean wasRunning = listener != null;
        stop();
        listen = newListen;
        upstream = newUpstream;
        if (wasRunning) {
            start();
        }
    }

    /** Every toxic, upstream ones first, each stream in chain order. */
    public synchronized List<ToxicSpec> toxics() {
        List<ToxicSpec> all = new ArrayList<>(chains.get(Stream.UPSTREAM));
        all.addAll(chains.get(Stream.DOWNSTREAM));
        return all;
    }

    public synchronized Optional<ToxicSpec> toxic(String toxicName) {
        return toxics().stream().filter(t -> t.name().equals(toxicName)).findFirst();
    }

    /** Appends a toxic to the end of its stream's chain (the caller checked the name is free). */
    public synchronized void addToxic(ToxicSpec spec) {
        List<ToxicSpec> chain = new ArrayList<>(chains.get(spec.stream()));
        chain.add(spec);
        setChain(spec.stream(), chain);
    }

    /** Replaces the toxic of the same name in place; its stream stays what it was. */
    public synchronized void replaceToxic(ToxicSpec spec) {
        List<ToxicSpec> chain = new ArrayList<>(chains.get(spec.stream()));
        chain.replaceAll(t -> t.name().equals(spec.name()) ? spec : t);
        setChain(spec.stream(), chain);
    }

    public synchronized void removeToxic(String toxicName) {
        for (Stream stream : Stream.values()) {
            List<ToxicSpec> chain = new ArrayList<>(chains.get(stream));
            if (chain.removeIf(t -> t.name().equals(toxicName))) {
                setChain(stream, chain);
            }
        }
    }

    public synchronized void removeAllToxics() {
        for (Stream stream : Stream.values()) {
            setChain(stream, List.of());
        }
    }

    private void setChain(Stream stream, List<ToxicSpec> chain) {
        List<ToxicSpec> copy = List.copyOf(chain);
        chains.put(stream, copy);
        for (Connection connection : connections) {
            connection.sync(stream, copy);
        }
    }

    /**
     * Waits for the accept loop to leave {@code accept()}: until it has, the JDK defers the real close of the
     * listening socket, and binding the same port again would fail.
     */
    private void awaitAcceptorExit() {
        try {
            if (!acceptor.join(Duration.ofSeconds(5))) {
                throw new IllegalStateException("proxy " + name + ": accept loop did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        acceptor = null;
    }

    void forget(Connection connection) {
        connections.remove(connection);
    }

    private void acceptLoop(ServerSocket socket) {
        while (!socket.isClosed()) {
            Socket client;
            try {
                client = socket.accept();
            } catch (IOException e) {
                return; // closed by stop()
            }
            Thread.ofVirtual().name("proxy-" + name + "-connect").start(() -> connect(client, socket));
        }
    }

    private void connect(Socket client, ServerSocket acceptedBy) {
        Socket server = new Socket();
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            HostPort target = HostPort.parse("upstream", upstream());
            server.connect(new InetSocketAddress(target.host(), target.port()), CONNECT_TIMEOUT_MS);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            return;
        }
        synchronized (this) {
            if (listener != acceptedBy) {
                closeQuietly(client);
                closeQuietly(server);
                return;
            }
            Connection connection = new Connection(this, client, server, metrics);
            connections.add(connection);
            metrics.connectionAccepted();
            connection.start(chains);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Best effort: the resource is unusable afterwards either way.
        }
    }
}
