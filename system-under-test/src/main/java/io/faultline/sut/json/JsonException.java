package io.faultline.sut.json;

/** Text that is not the JSON that was expected; the message says what and where. */
public final class JsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public JsonException(String message) {
        super(message);
    }
}
