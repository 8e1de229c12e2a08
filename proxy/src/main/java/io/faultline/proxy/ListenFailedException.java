package io.faultline.proxy;

import java.io.IOException;

/**
 * A proxy's listen address could not be bound (for example the port is in use). Answered with 500, as Toxiproxy
 * does, with the address and the operating system's reason.
 */
public final class ListenFailedException extends ToxiproxyException {

    private static final long serialVersionUID = 1L;

    public ListenFailedException(String proxy, String listen, IOException cause) {
        super("proxy " + proxy + " cannot listen on " + listen + ": " + cause.getMessage(), cause);
    }

    @Override
    public int status() {
        return 500;
    }
}
