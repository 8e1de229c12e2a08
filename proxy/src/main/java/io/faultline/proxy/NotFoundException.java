package io.faultline.proxy;

/** An unknown proxy or toxic. Answered with 404 and Toxiproxy's text ({@code proxy not found}, {@code toxic not found}). */
public final class NotFoundException extends ToxiproxyException {

    private static final long serialVersionUID = 1L;

    private NotFoundException(String message) {
        super(message, null);
    }

    static NotFoundException proxy(String name) {
        return new NotFoundException("proxy not found: " + name);
    }

    static NotFoundException toxic(String proxy, String name) {
        return new NotFoundException("toxic not found: " + name + " on proxy " + proxy);
    }

    @Override
    public int status() {
        return 404;
    }
}
