package io.faultline.proxy;

import java.util.List;

/**
 * A snapshot of one proxy, as {@code GET /proxies/{name}} shows it.
 *
 * @param name the proxy's name
 * @param listen the address it listens on, {@code host:port}; once bound, the actual port (not 0)
 * @param upstream the address it forwards to, {@code host:port}
 * @param enabled whether it accepts connections
 * @param toxics its toxics, upstream ones first, each stream in chain order
 */
public record ProxyView(String name, String listen, String upstream, boolean enabled, List<ToxicSpec> toxics) {

    public ProxyView {
        toxics = List.copyOf(toxics);
    }
}
