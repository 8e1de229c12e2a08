package io.faultline.proxy;

/**
 * A request the proxy server refused, carrying the HTTP status Toxiproxy answers with. The message is the
 * {@code error} text of the JSON error body.
 */
public abstract sealed class ToxiproxyException extends RuntimeException
        permits BadRequestException, NotFoundException, AlreadyExistsException, ListenFailedException {

    private static final long serialVersionUID = 1L;

    ToxiproxyException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The HTTP status of the error response. */
    public abstract int status();
}
