package io.faultline.harness.cluster;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.faultline.api.HostPort;
import io.faultline.nemeses.LinkControl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The cluster's directed node-to-node links, each a proxy named {@code FROM-TO} on a Toxiproxy-compatible server,
 * driven through the official Java client (so Shopify's server would do as well as ours). Toxics go on the upstream
 * stream: the bytes {@code FROM} sends to {@code TO}.
 */
public final class ProxiedLinks implements LinkControl {

    private final ToxiproxyClient client;
    private final List<Link> links;
    private final LinkProbe probe;
    private int toxicCount;

    /**
     * @param client a client of the proxy server's API
     * @param links the links {@link #create} made proxies for
     * @param probe how a connection through a link is opened: from the harness, or from inside a container
     */
    public ProxiedLinks(ToxiproxyClient client, List<Link> links, LinkProbe probe) {
        this.client = client;
        this.links = List.copyOf(links);
        this.probe = probe;
    }

    /** The proxy's name for a link. */
    public static String proxyName(Link link) {
        return link.from() + "-" + link.to();
    }

    /**
     * Creates one proxy per directed link and answers where each listens, as the proxy server reports it.
     *
     * @param upstreams each node's peer address as the proxy server reaches it
     * @param listen the {@code host:port} each link's proxy listens on ({@code host:0}: the server chooses a port)
     */
    public static Map<Link, HostPort> create(
            ToxiproxyClient client, Map<String, HostPort> upstreams, Function<Link, String> listen) {
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
                            listen.apply(link),
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
        return links;
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
        if (!links.contains(link)) {
            throw new IllegalArgumentException("no link " + link + " in this cluster: " + links);
        }
        return probe.probe(link, patience);
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
