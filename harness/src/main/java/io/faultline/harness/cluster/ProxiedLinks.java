package io.faultline.harness.cluster;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.faultline.nemeses.LinkControl;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's directed node-to-node links, each a proxy named {@code FROM-TO} on a Toxiproxy-compatible server,
 * driven through the official Java client (so Shopify's server would do as well as ours). Toxics go on the upstream
 * stream: the bytes {@code FROM} sends to {@code TO}.
 */
public final class ProxiedLinks implements LinkControl {

    private final ToxiproxyClient client;
    private final Map<Link, HostPort> probeAddresses;
    private int toxicCount;

    /**
     * @param client a client of the proxy server's API
     * @param probeAddresses where the harness opens a connection that goes through each link
     */
    public ProxiedLinks(ToxiproxyClient client, Map<Link, HostPort> probeAddresses) {
        this.client = client;
        this.probeAddresses = new LinkedHashMap<>(probeAddresses);
    }

    /** The proxy's name for a link. */
    public static String proxyName(Link link) {
        return link.from() + "-" + link.to();
    }

    /**
     * Creates one proxy per directed link and answers where each listens.
     *
     * @param upstreams each node's peer address as the proxy server reaches it
     * @param listenHost the host the proxies listen on; ports are chosen by the server
     */
    public static Map<Link, HostPort> create(
            ToxiproxyClient client, Map<String, HostPort> upstreams, String listenHost) {
        Map<Link, HostPort> listening = new LinkedHashMap<>();
        for (String from : upstreams.keySet()) {
            for (Map.Entry<String, HostPort> to : upstreams.entrySet()) {
                if (to.getKey().equals(from)) {
                    continue;
                }
                Link link = new Link(from, to.getKey());
                try {
                    Proxy proxy = client.createProxy(
                            proxyName(link),
                            listenHost + ":0",
                            to.getValue().host() + ":" + to.getValue().port());
                    listening.put(link, HostPort.parse(proxy.getListen()));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot create the proxy for " + link + ": " + e.getMessage(), e);
                }
            }
        }
        return listening;
    }

    @Override
    public List<Link> links() {
        return List.copyOf(probeAddresses.keySet());
    }

    @Override
    public void cut(Link link) {
        call(link, "cut", p -> p.disable());
    }

    @Override
    public void restore(Link link) {
        call(link, "restore", p -> p.enable());
    }

    @Override
    public synchronized void addToxic(Link link, Toxic toxic) {
        String name = "faultline-" + (++toxicCount);
        call(link, "add a toxic to", p -> {
            switch (toxic) {
                case Toxic.Latency l ->
                    p.toxics()
                            .latency(name, ToxicDirection.UPSTREAM, l.millis())
                            .setJitter(l.jitterMillis());
                case Toxic.Bandwidth b -> p.toxics().bandwidth(name, ToxicDirection.UPSTREAM, b.kilobytesPerSecond());
                case Toxic.ResetPeer r -> p.toxics().resetPeer(name, ToxicDirection.UPSTREAM, r.millis());
                case Toxic.Slicer s ->
                    p.toxics()
                            .slicer(name, ToxicDirection.UPSTREAM, s.averageBytes(), s.delayMicros())
                            .setSizeVariation(s.variationBytes());
            }
        });
    }

    @Override
    public void clearToxics(Link link) {
        call(link, "clear the toxics of", p -> {
            for (eu.rekawek.toxiproxy.model.Toxic t : new ArrayList<>(p.toxics().getAll())) {
                t.remove();
            }
        });
    }

    @Override
    public void resetAll() {
        try {
            client.reset();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the proxies: " + e.getMessage(), e);
        }
    }

    @Override
    public Probe probe(Link link, Duration patience) {
        HostPort address = probeAddresses.get(link);
        if (address == null) {
            throw new IllegalArgumentException("no link " + link + " in this cluster: " + probeAddresses.keySet());
        }
        long started = System.nanoTime();
        try (Socket socket = new Socket()) {
            try {
                socket.connect(new InetSocketAddress(address.host(), address.port()), (int) patience.toMillis());
            } catch (ConnectException e) {
                return new Probe.Refused();
            }
            socket.setSoTimeout((int) patience.toMillis());
            socket.getOutputStream().write(0);
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            try {
                while (in.read() != -1) {
                    // whatever the far end answers, the probe waits for it to close
                }
                return new Probe.Closed(Duration.ofNanos(System.nanoTime() - started));
            } catch (SocketTimeoutException e) {
                return new Probe.Silent(patience);
            } catch (SocketException e) {
                return new Probe.Reset(Duration.ofNanos(System.nanoTime() - started));
            }
        } catch (SocketException e) {
            return new Probe.Reset(Duration.ofNanos(System.nanoTime() - started));
        } catch (IOException e) {
            throw new UncheckedIOException("probing " + link + " failed: " + e.getMessage(), e);
        }
    }

    private interface ProxyAction {
        void apply(Proxy proxy) throws IOException;
    }

    private void call(Link link, String what, ProxyAction action) {
        try {
            action.apply(client.getProxy(proxyName(link)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot " + what + " the link " + link + ": " + e.getMessage(), e);
        }
    }
}
