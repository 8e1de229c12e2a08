package io.faultline.proxy;

/** A proxy or toxic name already in use. Answered with 409 ({@code proxy already exists}, {@code toxic already exists}). */
public final class AlreadyExistsException extends ToxiproxyException {

    private static final long serialVersionUID = 1L;

    private AlreadyExistsException(String message) {
        super(message, null);
    }

    static AlreadyExistsException proxy(String name) {
        return new AlreadyExistsException("proxy already exists: " + name);
    }

    static AlreadyExistsException toxic(String proxy, String name) {
        return new AlreadyExistsException("toxic already exists: " + name + " on proxy " + proxy);
    }

    @Override
    public int status() {
        return 409;
    }
}
