package io.faultline.proxy.internal;

import io.faultline.proxy.Stream;
import io.faultline.proxy.ToxicSpec;
import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A client connection and the upstream connection made for it, joined by two links: upstream (client to server)
 * and downstream (server to client). Each side's end of stream is passed on as a half-close; the pair is closed
 * once both directions have ended, or at once when a toxic, a disabled proxy or an I/O error ends it.
 */
final class Connection {

    private final RunningProxy proxy;
    private final Socket client;
    private final Socket upstream;
    private final Link upstreamLink;
    private final Link downstreamLink;
    private final AtomicBoolean closed = new AtomicBoolean();
    private int outputsEnded;

    Connection(RunningProxy proxy, Socket client, Socket upstream, ProxyMetrics metrics) {
        this.proxy = proxy;
        this.client = client;
        this.upstream = upstream;
        this.upstreamLink = new Link(this, Stream.UPSTREAM, client, upstream, metrics.direction(Stream.UPSTREAM));
        this.downstreamLink = new Link(this, Stream.DOWNSTREAM, upstream, client, metrics.direction(Stream.DOWNSTREAM));
    }

    ScheduledExecutorService timers() {
        return proxy.timers();
    }

    /** Puts the proxy's current toxics into effect and starts forwarding. */
    void start(Map<Stream, List<ToxicSpec>> chains) {
        sync(Stream.UPSTREAM, chains.get(Stream.UPSTREAM));
        sync(Stream.DOWNSTREAM, chains.get(Stream.DOWNSTREAM));
        upstreamLink.start();
        downstreamLink.start();
    }

    void sync(Stream stream, List<ToxicSpec> chain) {
        (stream == Stream.UPSTREAM ? upstreamLink : downstreamLink).sync(chain);
    }

    boolean isClosed() {
        return closed.get();
    }

    /** Called by a link that passed on its end of stream; the second one closes the pair. */
    void outputEnded(Link link) {
        boolean both;
        synchronized (this) {
            both = ++outputsEnded == 2;
        }
        if (both) {
            terminate();
        }
    }

    /** Closes both sockets (a normal close: data already written is still delivered, then FIN). Idempotent. */
    void terminate() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        closeQuietly(client);
        closeQuietly(upstream);
        upstreamLink.interrupt();
        downstreamLink.interrupt();
        proxy.forget(this);
    }

    /** Closes both sockets with SO_LINGER 0, so both peers get a TCP RST ("connection reset by peer"). */
    void reset() {
        for (Socket socket : List.of(client, upstream)) {
            try {
                socket.setSoLinger(true, 0);
            } catch (IOException e) {
                // Already closed: nothing left to reset.
            }
        }
        terminate();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Closing is best effort; the socket is unusable afterwards either way.
        }
    }
}
