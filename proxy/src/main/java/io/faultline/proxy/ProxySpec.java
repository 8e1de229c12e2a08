package io.faultline.proxy;

import io.faultline.proxy.internal.HostPort;

/**
 * What a client asks for when it creates a proxy.
 *
 * @param name unique name, also the path segment in the API; at most {@link ProxyLimits#MAX_NAME_LENGTH} characters
 * @param listen {@code host:port} to listen on; port 0 picks a free port
 * @param upstream {@code host:port} to forward to; resolved when each connection is made
 * @param enabled whether to start listening at once
 */
public record ProxySpec(String name, String listen, String upstream, boolean enabled) {

    public ProxySpec {
        if (name == null || name.isEmpty()) {
            throw new BadRequestException("missing required field: name");
        }
        ProxyLimits.requireName("name", name);
        if (name.contains("/")) {
            throw new BadRequestException("name must not contain '/', got \"" + name + "\"");
        }
        if (upstream == null || upstream.isEmpty()) {
            throw new BadRequestException("missing required field: upstream");
        }
        ProxyLimits.requireAddress("listen", listen);
        ProxyLimits.requireAddress("upstream", upstream);
        HostPort.parse("listen", listen);
        HostPort.parse("upstream", upstream);
    }
}
