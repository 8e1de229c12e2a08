package io.faultline.proxy.internal;

import io.faultline.proxy.BadRequestException;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A parsed {@code host:port} (IPv6 hosts in brackets). The host may be empty, meaning every interface.
 *
 * @param host the host name or literal address, without brackets
 * @param port 0 to 65535
 */
public record HostPort(String host, int port) {

    /**
     * Parses the address given in {@code field}.
     *
     * @throws BadRequestException naming the field when the text is not {@code host:port}
     */
    public static HostPort parse(String field, String text) {
        int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon < 0) {
            throw new BadRequestException(field + " must be host:port, got \"" + text + "\"");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new BadRequestException(field + " must end with a numeric port, got \"" + text + "\"");
        }
        if (port < 0 || port > 65535) {
            throw new BadRequestException(field + " port must be between 0 and 65535, got " + port);
        }
        return new HostPort(host, port);
    }

    /** An unresolved socket address, resolved when it is used. */
    public InetSocketAddress unresolved() {
        return host.isEmpty() ? new InetSocketAddress(port) : InetSocketAddress.createUnresolved(host, port);
    }

    /** Formats an address as Toxiproxy does: the literal IP, IPv6 in brackets, then the port. */
    public static String format(InetAddress address, int port) {
        String ip = address.getHostAddress();
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }
}
