package io.faultline.proxy;

import io.faultline.proxy.internal.HttpApi;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A Toxiproxy-compatible server running in this JVM: an HTTP API (Toxiproxy's routes and JSON, so the official
 * clients drive it unchanged) over TCP proxies whose toxics add latency, limit bandwidth, hold, cut or reset
 * connections. Closing it stops the API and every proxy.
 *
 * <pre>{@code
 * try (ToxiproxyServer server = ToxiproxyServer.start(new InetSocketAddress("127.0.0.1", 0))) {
 *     ToxiproxyClient client = new ToxiproxyClient("127.0.0.1", server.apiAddress().getPort());
 *     ...
 * }
 * }</pre>
 */
public final class ToxiproxyServer implements AutoCloseable {

    /** What {@code GET /version} reports: the Toxiproxy API version this server follows, marked as Faultline's. */
    public static final String VERSION = "2.12.0-faultline";

    private final Proxies proxies;
    private final HttpApi api;

    private ToxiproxyServer(Proxies proxies, HttpApi api) {
        this.proxies = proxies;
        this.api = api;
    }

    /**
     * Starts the API on {@code apiAddress} (port 0 picks a free port), with proxies listening on loopback only
     * ({@link ListenScope#LOOPBACK_ONLY}). Proxies created without a listen address listen on the same host.
     *
     * @throws IOException if the API address cannot be bound
     */
    public static ToxiproxyServer start(InetSocketAddress apiAddress) throws IOException {
        return start(apiAddress, ListenScope.LOOPBACK_ONLY);
    }

    /**
     * Starts the API on {@code apiAddress} (port 0 picks a free port), with proxies listening where {@code scope}
     * allows. Proxies created without a listen address listen on the same host.
     *
     * @throws IOException if the API address cannot be bound
     */
    public static ToxiproxyServer start(InetSocketAddress apiAddress, ListenScope scope) throws IOException {
        String host =
                apiAddress.getAddress() != null ? apiAddress.getAddress().getHostAddress() : apiAddress.getHostString();
        Proxies proxies = new Proxies(host, scope);
        try {
            return new ToxiproxyServer(proxies, HttpApi.start(apiAddress, proxies, VERSION));
        } catch (IOException | RuntimeException e) {
            proxies.close();
            throw e;
        }
    }

    /** The bound address of the HTTP API (with the actual port when 0 was asked for). */
    public InetSocketAddress apiAddress() {
        return api.address();
    }

    /** The proxies, for in-process control without HTTP. */
    public Proxies proxies() {
        return proxies;
    }

    /** Stops the API, then closes every proxy's listener and connections. */
    @Override
    public void close() {
        api.close();
        proxies.close();
    }
}
