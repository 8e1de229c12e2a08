package io.faultline.api;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The container image a {@link NodeProgram} runs in on the containers runtime. No registry is needed: either the
 * harness builds it here from Debian's packages on its own Debian base, cached by content like the node image, or
 * the local engine already has it.
 */
public sealed interface ImageRecipe {

    Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /**
     * Faultline's Debian base with these packages apt-installed and these files added; tagged
     * {@code faultline-NAME:<hash of the recipe>}, built once and reused while the recipe stays the same.
     */
    record DebianPackages(String name, List<String> packages, List<ImageFile> files) implements ImageRecipe {
        public DebianPackages {
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException(
                        "an image name is lower-case letters, digits, '.', '_' and '-', not '" + name + "'");
            }
            packages = List.copyOf(packages);
            files = List.copyOf(files);
            for (String p : packages) {
                if (!p.matches("[a-z0-9][a-z0-9+.-]*")) {
                    throw new IllegalArgumentException("'" + p + "' is not a Debian package name");
                }
            }
        }
    }

    /** An image the local Docker engine already has, used as it is (never pulled). */
    record LocalImage(String tag) implements ImageRecipe {
        public LocalImage {
            Objects.requireNonNull(tag, "tag");
        }
    }

    /** A file added to a built image: an absolute path, its text, and whether it is executable. */
    record ImageFile(String path, String content, boolean executable) {
        public ImageFile {
            if (!path.startsWith("/") || path.contains("..")) {
                throw new IllegalArgumentException("an image file's path is absolute, without '..': " + path);
            }
            Objects.requireNonNull(content, "content");
        }
    }

    static ImageRecipe debian(String name, List<String> packages, ImageFile... files) {
        return new DebianPackages(name, packages, List.of(files));
    }
}
