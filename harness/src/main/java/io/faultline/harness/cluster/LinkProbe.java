package io.faultline.harness.cluster;

import io.faultline.api.HostPort;
import io.faultline.nemeses.LinkControl.Link;
import io.faultline.nemeses.LinkControl.Probe;
import java.time.Duration;

/**
 * How {@link ProxiedLinks} sends a probe connection through a link: straight from the harness for local processes
 * ({@link SocketLinkProbe}), from inside the prober container for the containers runtime ({@link ExecLinkProbe}), where a
 * connection through a port Docker publishes cannot tell a refused link from a closed one.
 */
@FunctionalInterface
public interface LinkProbe {

    /**
     * Connects through the link, sends one byte, closes the sending side and waits up to {@code patience} for the far
     * end to close.
     */
    Probe probe(Link link, Duration patience);

    /** Where a probe of {@code link} connects, refusing a link the cluster does not have. */
    static HostPort addressOf(java.util.Map<Link, HostPort> addresses, Link link) {
        HostPort address = addresses.get(link);
        if (address == null) {
            throw new IllegalArgumentException("no link " + link + " in this cluster: " + addresses.keySet());
        }
        return address;
    }
}
