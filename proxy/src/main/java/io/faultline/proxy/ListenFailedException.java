package io.faultline.proxy;

import java.io.IOException;
import java.net.BindException;

/**
 * A proxy's listen address could not be bound, with the address and the operating system's reason. An address in
 * use is a conflict with whatever holds it: 409, as Toxiproxy answers a name in use. Any other refusal (an address
 * this machine does not have, a port it may not bind) is the request's fault: 400. Never 500, which would blame the
 * server.
 */
public final class ListenFailedException extends ToxiproxyException {

    private static final long serialVersionUID = 1L;

    private final int status;

    public ListenFailedException(String proxy, String listen, IOException cause) {
        super(message(proxy, listen, cause), cause);
        this.status = inUse(cause) ? 409 : 400;
    }

    private static String message(String proxy, String listen, IOException cause) {
        String reason = inUse(cause) ? "the address is already in use" : String.valueOf(cause.getMessage());
        return "proxy " + proxy + " cannot listen on " + listen + ": " + reason;
    }

    private static boolean inUse(IOException cause) {
        return cause instanceof BindException
                && String.valueOf(cause.getMessage()).contains("in use");
    }

    @Override
    public int status() {
        return status;
    }
}
