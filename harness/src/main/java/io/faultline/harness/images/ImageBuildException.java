package io.faultline.harness.images;

/** An image could not be built; the message says why and how to fix it. */
public final class ImageBuildException extends RuntimeException {

    public ImageBuildException(String message) {
        super(message);
    }
}
