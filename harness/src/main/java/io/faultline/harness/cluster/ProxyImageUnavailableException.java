package io.faultline.harness.cluster;

/**
 * The Toxiproxy image asked for ({@link ProxyImage.Toxiproxy}) is not on this machine and could not be pulled; the
 * message names the image, gives the engine's reason ({@code ImagePull}) and says what to do. A bad argument rather than a crash: nothing was started.
 */
public final class ProxyImageUnavailableException extends IllegalArgumentException {

    private final String image;

    public ProxyImageUnavailableException(String image, String why) {
        super("the Toxiproxy image cannot be used: " + why + ". Pull or build it (docker pull " + image
                + "), or leave out --toxiproxy-image to use Faultline's own proxy");
        this.image = image;
    }

    /** The image reference that is missing. */
    public String image() {
        return image;
    }
}
