package io.faultline.proxy;

import io.faultline.proxy.internal.HostPort;
import io.faultline.proxy.internal.PrometheusText;
import io.faultline.proxy.internal.RunningProxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.UnaryOperator;

/**
 * The proxies of one server and their toxics: what the HTTP API does, callable in-process. Every method is atomic
 * with respect to the others; errors are {@link ToxiproxyException}s carrying the status the API answers with.
 */
public final class Proxies implements AutoCloseable {

    private final Map<String, RunningProxy> proxies = new TreeMap<>();
    private final String defaultListenHost;
    private final ListenScope scope;
    private final ScheduledThreadPoolExecutor timers;

    /**
     * @param defaultListenHost the host a proxy listens on when its {@code listen} is not given
     * @param scope where proxies may listen
     */
    Proxies(String defaultListenHost, ListenScope scope) {
        this.defaultListenHost = defaultListenHost;
        this.scope = scope;
        this.timers = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "proxy-toxic-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
    }

    /** The listen address used when a client gives none: the API's host, on a free port. */
    public String defaultListen() {
        return (defaultListenHost.indexOf(':') >= 0 ? "[" + defaultListenHost + "]" : defaultListenHost) + ":0";
    }

    /**
     * Creates a proxy, listening at once if {@code spec.enabled()}.
     *
     * @throws AlreadyExistsException if the name is taken
     * @throws BadRequestException if the listen address is outside the server's {@link ListenScope}, or the server
     *     already holds {@link ProxyLimits#MAX_PROXIES}
     * @throws ListenFailedException if the listen address cannot be bound (409 when it is in use)
     */
    public synchronized ProxyView create(ProxySpec spec) {
        if (proxies.containsKey(spec.name())) {
            throw AlreadyExistsException.proxy(spec.name());
        }
        requireListenInScope(spec.listen());
        if (proxies.size() >= ProxyLimits.MAX_PROXIES) {
            throw tooManyProxies();
        }
        RunningProxy proxy = new RunningProxy(spec.name(), spec.listen(), spec.upstream(), timers);
        if (spec.enabled()) {
            proxy.start();
        }
        proxies.put(spec.name(), proxy);
        return proxy.view();
    }

    /** Every proxy, by name. */
    public synchronized List<ProxyView> list() {
        return proxies.values().stream().map(RunningProxy::view).toList();
    }

    public synchronized ProxyView get(String name) {
        return proxy(name).view();
    }

    /**
     * Changes a proxy's listen address, upstream or enabled flag. {@code change} gets the current settings (the
     * listen address with its bound port) and returns the wanted ones; its name is ignored. New addresses restart
     * the proxy; disabling closes its listener and its connections.
     */
    public synchronized ProxyView update(String name, UnaryOperator<ProxySpec> change) {
        RunningProxy proxy = proxy(name);
        ProxyView current = proxy.view();
        ProxySpec wanted = change.apply(new ProxySpec(name, current.listen(), current.upstream(), current.enabled()));
        requireListenInScope(wanted.listen());
        if (!wanted.enabled()) {
            proxy.stop();
        }
        proxy.readdress(wanted.listen(), wanted.upstream());
        if (wanted.enabled()) {
            proxy.start();
        }
        return proxy.view();
    }

    /** Deletes a proxy, closing its listener and connections. */
    public synchronized void delete(String name) {
        proxy(name).stop();
        proxies.remove(name);
    }

    /**
     * Creates or replaces several proxies at once, all or nothing as far as validation goes: a proxy whose listen
     * and upstream match an existing one of that name keeps running (only its enabled flag is applied); any other
     * replaces it.
     *
     * @throws BadRequestException if two specs share a name
     */
    public synchronized List<ProxyView> populate(List<ProxySpec> specs) {
        Set<String> names = new HashSet<>();
        for (ProxySpec spec : specs) {
            if (!names.add(spec.name())) {
                throw new BadRequestException("duplicate proxy name in populate: " + spec.name());
            }
            requireListenInScope(spec.listen());
        }
        long added = names.stream().filter(n -> !proxies.containsKey(n)).count();
        if (proxies.size() + added > ProxyLimits.MAX_PROXIES) {
            throw tooManyProxies();
        }
        List<ProxyView> result = new ArrayList<>();
        for (ProxySpec spec : specs) {
            RunningProxy existing = proxies.get(spec.name());
            if (existing != null
                    && existing.listen().equals(spec.listen())
                    && existing.upstream().equals(spec.upstream())) {
                result.add(update(spec.name(), current -> spec));
            } else {
                if (existing != null) {
                    delete(spec.name());
                }
                result.add(create(spec));
            }
        }
        return result;
    }

    /** Enables every proxy and removes every toxic. */
    public synchronized void reset() {
        for (RunningProxy proxy : proxies.values()) {
            proxy.start();
            proxy.removeAllToxics();
        }
    }

    /** A proxy's toxics, upstream ones first, each stream in chain order. */
    public synchronized List<ToxicSpec> toxics(String proxyName) {
        return proxy(proxyName).toxics();
    }

    public synchronized ToxicSpec toxic(String proxyName, String toxicName) {
        return proxy(proxyName).toxic(toxicName).orElseThrow(() -> NotFoundException.toxic(proxyName, toxicName));
    }

    /**
     * Appends a toxic to the end of its stream's chain; live connections get it at once.
     *
     * @throws AlreadyExistsException if the proxy already has a toxic of that name (on either stream)
     * @throws BadRequestException if the proxy already has {@link ProxyLimits#MAX_TOXICS_PER_PROXY}
     */
    public synchronized ToxicSpec addToxic(String proxyName, ToxicSpec spec) {
        RunningProxy proxy = proxy(proxyName);
        if (proxy.toxic(spec.name()).isPresent()) {
            throw AlreadyExistsException.toxic(proxyName, spec.name());
        }
        if (proxy.toxics().size() >= ProxyLimits.MAX_TOXICS_PER_PROXY) {
            throw new BadRequestException("proxy " + proxyName + " already has " + ProxyLimits.MAX_TOXICS_PER_PROXY
                    + " toxics, the most one proxy holds");
        }
        proxy.addToxic(spec);
        return spec;
    }

    /**
     * Changes a toxic's attributes or toxicity in place (its name, stream and position stay); the toxicity is
     * rolled again for every connection.
     */
    public synchronized ToxicSpec updateToxic(String proxyName, String toxicName, UnaryOperator<ToxicSpec> change) {
        ToxicSpec current = toxic(proxyName, toxicName);
        ToxicSpec changed = change.apply(current);
        ToxicSpec kept = new ToxicSpec(current.name(), current.stream(), changed.toxicity(), changed.toxic());
        if (!kept.toxic().type().equals(current.toxic().type())) {
            throw new BadRequestException("type of toxic " + toxicName + " cannot change from "
                    + current.toxic().type() + " to " + kept.toxic().type());
        }
        proxy(proxyName).replaceToxic(kept);
        return kept;
    }

    /** Removes a toxic; data it was holding or delaying on live connections flows on at once. */
    public synchronized void removeToxic(String proxyName, String toxicName) {
        toxic(proxyName, toxicName);
        proxy(proxyName).removeToxic(toxicName);
    }

    /** The metrics of every proxy in Prometheus' text format. */
    public synchronized String prometheusMetrics() {
        return PrometheusText.render(proxies.values());
    }

    /** Stops every proxy (listeners and connections) and forgets them. */
    @Override
    public synchronized void close() {
        proxies.values().forEach(RunningProxy::stop);
        proxies.clear();
        timers.shutdownNow();
    }

    private void requireListenInScope(String listen) {
        scope.check(listen, HostPort.parse("listen", listen).host());
    }

    private static BadRequestException tooManyProxies() {
        return new BadRequestException(
                "this server already holds " + ProxyLimits.MAX_PROXIES + " proxies, the most it holds");
    }

    private RunningProxy proxy(String name) {
        RunningProxy proxy = proxies.get(name);
        if (proxy == null) {
            throw NotFoundException.proxy(name);
        }
        return proxy;
    }
}
