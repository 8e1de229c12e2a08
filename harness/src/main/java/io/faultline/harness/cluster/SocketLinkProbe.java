package io.faultline.harness.cluster;

import io.faultline.api.HostPort;
import io.faultline.nemeses.LinkControl.Link;
import io.faultline.nemeses.LinkControl.Probe;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Map;

/** Probes a link with a socket of the harness itself: for proxies that listen on this machine's loopback. */
public record SocketLinkProbe(Map<Link, HostPort> addresses) implements LinkProbe {

    public SocketLinkProbe {
        addresses = Map.copyOf(addresses);
    }

    @Override
    public Probe probe(Link link, Duration patience) {
        HostPort address = LinkProbe.addressOf(addresses, link);
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
}
