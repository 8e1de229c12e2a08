package io.faultline.harness.cluster;

import java.net.URI;

/** An address to connect to. */
public record HostPort(String host, int port) {

    public HostPort {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 1..65535");
        }
    }

    public URI http(String path) {
        return URI.create("http://" + host + ":" + port + path);
    }

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
