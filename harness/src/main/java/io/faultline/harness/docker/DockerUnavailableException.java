package io.faultline.harness.docker;

/** No Docker engine could be used; the message says why and how to fix it. */
public final class DockerUnavailableException extends RuntimeException {

    public DockerUnavailableException(String message) {
        super(message);
    }
}
