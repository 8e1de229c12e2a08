package io.faultline.harness.cluster;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which server the link proxy container of a container cluster runs: Faultline's own (in the node image, the default)
 * or a Toxiproxy image the user names (Shopify's {@code ghcr.io/shopify/toxiproxy}, or anything that behaves like
 * it). Either way the harness speaks only Toxiproxy's HTTP API on port 8474 to it, so the same nemeses work unchanged.
 * The process runtime has no proxy container (its proxy runs in the harness's JVM) and refuses a {@link Toxiproxy}.
 */
public sealed interface ProxyImage {

    /** Faultline's Toxiproxy-compatible server, started from the node image with its own entrypoint. */
    record Faultline() implements ProxyImage {
        @Override
        public String describe() {
            return "faultline";
        }
    }

    /**
     * A Toxiproxy server image run with its own entrypoint and command, which must serve the API on
     * {@code 0.0.0.0:8474} (Shopify's image does: {@code /toxiproxy -host=0.0.0.0}).
     *
     * @param image a Docker image reference, e.g. {@code ghcr.io/shopify/toxiproxy:2.12.0}
     */
    record Toxiproxy(String image) implements ProxyImage {
        public Toxiproxy {
            Objects.requireNonNull(image, "image");
            if (image.isBlank() || !image.equals(image.strip()) || image.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException(
                        "a Toxiproxy image is a Docker image reference without spaces, not \"" + image + "\"");
            }
        }

        @Override
        public String describe() {
            return image;
        }
    }

    /** Ours when {@code image} is null (the option was not given), otherwise the named Toxiproxy image. */
    static ProxyImage of(@Nullable String image) {
        return image == null ? new Faultline() : new Toxiproxy(image);
    }

    /** {@code faultline} or the image reference: how {@code test.json} records the choice. */
    @JsonValue
    String describe();
}
