package io.faultline.reports;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Which {@code Host} headers name the results browser, against DNS rebinding: a page on {@code evil.example} whose
 * name is made to resolve to 127.0.0.1 reaches the server with {@code Host: evil.example:8080}, which is refused. The
 * port must be the bound one, and the name {@code localhost}, the name the server was bound by, or an IP literal
 * that reaches it (a literal cannot be rebound): the bound address, any loopback one when bound to loopback, any
 * one when bound to every interface.
 *
 * @param bound the address the server listens on
 * @param bindName the host the server was asked to bind, as given (a name or a literal)
 */
record HostCheck(InetSocketAddress bound, String bindName) {

    private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

    /** Why {@code host} (a Host header, or null when absent) does not name this server; empty when it does. */
    Optional<String> refusal(@Nullable String host) {
        if (host == null || host.isBlank()) {
            return Optional.of("the request has no Host header; " + expected());
        }
        String name;
        String port;
        int close = host.indexOf(']');
        if (host.startsWith("[") && close > 0) {
            name = host.substring(1, close);
            port = host.substring(close + 1);
        } else {
            int colon = host.indexOf(':');
            name = colon < 0 ? host : host.substring(0, colon);
            port = colon < 0 ? "" : host.substring(colon);
        }
        int portNumber;
        try {
            portNumber = port.isEmpty() ? 80 : Integer.parseInt(port.substring(1));
        } catch (NumberFormatException e) {
            portNumber = -1;
        }
        if (portNumber != bound.getPort() || !(port.isEmpty() || port.startsWith(":")) || !names(name)) {
            return Optional.of("Host " + quoted(host) + " does not name this server; " + expected());
        }
        return Optional.empty();
    }

    private boolean names(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.equals(bindName.toLowerCase(Locale.ROOT))) {
            return true;
        }
        InetAddress literal = literal(lower);
        if (literal == null) {
            return false; // a name other than localhost: what DNS rebinding would send
        }
        InetAddress address = bound.getAddress();
        return address.isAnyLocalAddress()
                || address.equals(literal)
                || (address.isLoopbackAddress() && literal.isLoopbackAddress());
    }

    private static @Nullable InetAddress literal(String name) {
        if (!IPV4.matcher(name).matches() && name.indexOf(':') < 0) {
            return null;
        }
        try {
            return InetAddress.getByName(name); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private String expected() {
        return "ask for http://localhost:" + bound.getPort() + "/ or http://" + ResultsServer.hostForUri(bound) + ":"
                + bound.getPort() + "/ (other names are refused, against DNS rebinding)";
    }

    private static String quoted(String host) {
        String shown = host.length() > 100 ? host.substring(0, 100) + "..." : host;
        return "\"" + shown + "\"";
    }
}
