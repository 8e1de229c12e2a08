package io.faultline.harness.images;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The checkout (a clone or work tree of Faultline) whose harness is running: node images are labelled with it, so
 * that pruning removes only images this checkout built. {@code -Dfaultline.checkout=PATH} names another.
 */
public record Checkout(Path root) {

    public Checkout {
        root = root.toAbsolutePath().normalize();
    }

    /** A short stable id of the checkout: a hash of its path. */
    public String id() {
        return new ContentHash().add(root.toString()).shortHex();
    }

    /** Whether the checkout's folder is still there (a removed clone's claims are void). */
    public boolean exists() {
        return Files.isDirectory(root);
    }

    /**
     * The running harness's checkout: the nearest folder above the harness's classes or jar that holds the
     * {@code faultline} launcher beside a {@code pom.xml}; the classes' own location when there is none (an installed
     * jar).
     */
    public static Checkout current() {
        String override = System.getProperty("faultline.checkout");
        if (override != null) {
            return new Checkout(Path.of(override));
        }
        Path code = codeLocation();
        for (Path dir = code; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("faultline")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return new Checkout(dir);
            }
        }
        return new Checkout(code);
    }

    private static Path codeLocation() {
        try {
            return Path.of(Checkout.class
                            .getProtectionDomain()
                            .getCodeSource()
                            .getLocation()
                            .toURI())
                    .toAbsolutePath();
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            return Path.of("").toAbsolutePath();
        }
    }
}
