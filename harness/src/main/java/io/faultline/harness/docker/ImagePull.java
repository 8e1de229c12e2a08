package io.faultline.harness.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.testcontainers.utility.DockerImageName;

/**
 * Makes sure an image someone named (a Toxiproxy or Grafana image) is on this machine: present already, or pulled
 * within a time limit, so a run without a reachable registry learns at once, in the engine's words, that it cannot
 * have it instead of waiting minutes.
 */
public final class ImagePull {

    private ImagePull() {}

    /** Why {@code image} cannot be had, or empty when it is here (pulled now if it was missing). */
    public static Optional<String> ensure(String image, Duration timeout) {
        if (DockerEngine.imagePresent(image)) {
            return Optional.empty();
        }
        DockerImageName name;
        try {
            name = DockerImageName.parse(image);
            name.assertValid();
        } catch (IllegalArgumentException e) {
            return Optional.of(image + " is not a valid image reference: " + e.getMessage());
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (PullImageResultCallback pull = Docker.client()
                .pullImageCmd(name.getUnversionedPart())
                .withTag(name.getVersionPart())
                .exec(new PullImageResultCallback() {
                    @Override
                    public void onError(Throwable error) {
                        // kept for the caller's message rather than logged with a stack trace
                        failure.compareAndSet(null, error);
                        try {
                            close();
                        } catch (IOException e) {
                            // closing a failed pull: nothing left to do
                        }
                    }
                })) {
            if (!pull.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.of("image " + image + " is not present and pulling it did not finish within "
                        + timeout.toSeconds() + " s");
            }
        } catch (DockerException | DockerClientException | IOException e) {
            failure.compareAndSet(null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while pulling " + image);
        }
        if (failure.get() != null) {
            return Optional.of("image " + image + " is not present and cannot be pulled (the engine says: "
                    + engineMessage(failure.get()) + ")");
        }
        return DockerEngine.imagePresent(image)
                ? Optional.empty()
                : Optional.of("image " + image + " is still not present after pulling it");
    }

    /**
     * The engine's own words from an error such as {@code Status 500: {"message":"Get ...: no such host"}}, or the
     * error's first line, at most 200 characters.
     */
    public static String engineMessage(Throwable error) {
        String message = error.getMessage() == null
                ? error.toString()
                : error.getMessage().strip();
        int json = message.indexOf('{');
        if (json >= 0) {
            try {
                String said = new ObjectMapper()
                        .readTree(message.substring(json))
                        .path("message")
                        .asText("");
                if (!said.isBlank()) {
                    message = said;
                }
            } catch (IOException e) {
                // not JSON after all: keep the message as it is
            }
        }
        String line = message.lines().findFirst().orElse("no reason given");
        return line.length() > 200 ? line.substring(0, 200) + "..." : line;
    }
}
