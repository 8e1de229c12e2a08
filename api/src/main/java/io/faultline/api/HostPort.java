package io.faultline.api;

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

    /** {@code host:port}, as Toxiproxy writes addresses. */
    public static HostPort parse(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("an address is host:port, not \"" + text + "\"");
        }
        try {
            return new HostPort(text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("an address is host:port, not \"" + text + "\"");
        }
    }
}
