package io.faultline.harness.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which node image each checkout on this machine uses now: one small file per checkout under
 * {@code ~/.cache/faultline/image-claims/}, holding the checkout's path and its current tag. Pruning in one checkout
 * keeps every image another live checkout claims, even one this checkout built first; a claim whose checkout folder
 * is gone counts for nothing and is removed.
 */
public final class ImageClaims {

    private final Path dir;

    public ImageClaims(Path dir) {
        this.dir = dir;
    }

    /** The claims of this machine's user. */
    public static ImageClaims inCache() {
        return new ImageClaims(NodeDistribution.cacheDir().resolve("image-claims"));
    }

    /** Records that {@code checkout} now uses {@code tag} (replacing what it used before). */
    public void claim(Checkout checkout, String tag) {
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, checkout.id() + "-", ".partial");
            Files.writeString(temp, checkout.root() + "\n" + tag + "\n", StandardCharsets.UTF_8);
            Files.move(temp, dir.resolve(checkout.id()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record the image claim in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The tags claimed by live checkouts other than {@code self}. */
    public Set<String> claimedByOthers(Checkout self) {
        Set<String> tags = new HashSet<>();
        if (!Files.isDirectory(dir)) {
            return tags;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (file.getFileName().toString().endsWith(".partial")) {
                    continue;
                }
                List<String> lines = readLines(file);
                if (lines.size() < 2) {
                    continue;
                }
                Checkout owner = new Checkout(Path.of(lines.get(0)));
                if (!owner.exists()) {
                    Files.deleteIfExists(file);
                } else if (!owner.equals(self)) {
                    tags.add(lines.get(1));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the image claims in " + dir + ": " + e.getMessage(), e);
        }
        return tags;
    }

    private static List<String> readLines(Path file) throws IOException {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of(); // replaced or removed by another checkout meanwhile
        }
    }
}
