package io.faultline.proxy;

import java.util.Locale;

/** The direction of a proxied connection that a toxic acts on, named as Toxiproxy names it on the wire. */
public enum Stream {
    /** Client to upstream server: the requests. */
    UPSTREAM,
    /** Upstream server to client: the responses. Toxiproxy's default. */
    DOWNSTREAM;

    /** The wire name, {@code upstream} or {@code downstream}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws BadRequestException if the name is neither {@code upstream} nor {@code downstream}
     */
    public static Stream fromWire(String name) {
        return switch (name) {
            case "upstream" -> UPSTREAM;
            case "downstream" -> DOWNSTREAM;
            default ->
                throw new BadRequestException(
                        "stream was invalid, can be either upstream or downstream (got \"" + name + "\")");
        };
    }
}
