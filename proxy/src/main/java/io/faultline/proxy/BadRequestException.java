package io.faultline.proxy;

/** Bad input: a missing or malformed field, an unknown toxic type or stream. Answered with 400; the message names the field. */
public final class BadRequestException extends ToxiproxyException {

    private static final long serialVersionUID = 1L;

    public BadRequestException(String message) {
        super(message, null);
    }

    @Override
    public int status() {
        return 400;
    }
}
