package io.faultline.proxy;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Where a server lets its proxies listen. A proxy listening on every interface ({@code 0.0.0.0}, {@code [::]}) or on
 * an outward address exposes whatever it fronts to the network, so a server listens on loopback only unless it was
 * started with {@link #ANY_ADDRESS} ({@code --allow-remote-listen}), as the harness does inside a container, where
 * the other nodes reach the proxy over the cluster network.
 */
public enum ListenScope {
    /** Only a loopback IP (127.0.0.0/8, ::1) or {@code localhost}; anything else is a 400 naming the flag. */
    LOOPBACK_ONLY,
    /** Any address, every interface included: Toxiproxy's behaviour. */
    ANY_ADDRESS;

    /** The command-line flag that selects {@link #ANY_ADDRESS}. */
    public static final String FLAG = "--allow-remote-listen";

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    /**
     * Checks a listen host against this scope, without resolving names.
     *
     * @param listen the whole listen address, for the message
     * @param host its host, without brackets; empty for every interface
     * @throws BadRequestException when the host is not allowed, naming the flag that would allow it
     */
    void check(String listen, String host) {
        if (this == ANY_ADDRESS || host.equalsIgnoreCase("localhost") || isLoopbackLiteral(host)) {
            return;
        }
        throw new BadRequestException("listen " + listen + " is not a loopback address (127.0.0.0/8, ::1 or"
                + " localhost), and this server lets proxies listen on loopback only: start it with " + FLAG
                + " to allow other addresses");
    }

    private static boolean isLoopbackLiteral(String host) {
        if (!IPV4.matcher(host).matches() && host.indexOf(':') < 0) {
            return false; // empty (every interface) or a host name, which is not resolved here
        }
        try {
            return InetAddress.getByName(host).isLoopbackAddress(); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
