package io.faultline.harness.images;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A SHA-256 over the inputs of an image, so that an image is rebuilt exactly when one of its inputs changed. */
final class ContentHash {

    private final MessageDigest digest;

    ContentHash() {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    ContentHash add(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
        return this;
    }

    /** Adds a file's bytes (not its name, so a copy hashes the same). */
    ContentHash addFile(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return this;
    }

    /** The first 12 hex digits: enough to tell builds apart, short enough for a tag. */
    String shortHex() {
        return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    }
}
