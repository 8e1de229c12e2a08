package io.faultline.harness.images;

import java.util.List;

/**
 * The Debian base every node image starts from, with the tools faults need (iptables, iproute2, libfaketime, ...).
 * Its tag carries a hash of everything that goes into it, so a changed package list builds a new image and an
 * unchanged one is found again in about a second.
 */
public record BaseImage(Source source, List<String> packages) {

    /** Where the root filesystem comes from. */
    public sealed interface Source {
        /** A key part naming this source, for the content hash. */
        String describe();
    }

    /** {@code debootstrap --variant=minbase} into a folder, then {@code docker import}: needs no registry. */
    public record Debootstrap(String suite, String mirror) implements Source {
        @Override
        public String describe() {
            return "debootstrap " + suite + " " + mirror;
        }
    }

    /** A normal Dockerfile {@code FROM} an image the engine can pull or has, with the packages apt-installed. */
    public record FromImage(String reference) implements Source {
        @Override
        public String describe() {
            return "from " + reference;
        }
    }

    /** What a node needs: fault tools, clock faking, and the basics for a person debugging inside a node. */
    public static final List<String> NODE_PACKAGES = List.of(
            "iproute2",
            "iptables",
            "procps",
            "libfaketime",
            "faketime",
            "ca-certificates",
            "iputils-ping",
            "netcat-openbsd",
            "psmisc",
            "curl");

    public BaseImage {
        packages = List.copyOf(packages);
    }

    /**
     * The default base: debootstrap from Debian's mirror, or the image named by {@code FAULTLINE_BASE_IMAGE} (for a
     * machine that reaches a registry, e.g. {@code debian:bookworm-slim}).
     */
    public static BaseImage defaultImage() {
        String from = System.getenv("FAULTLINE_BASE_IMAGE");
        Source source = from == null || from.isBlank()
                ? new Debootstrap("bookworm", "http://deb.debian.org/debian")
                : new FromImage(from);
        return new BaseImage(source, NODE_PACKAGES);
    }

    /** Bump when the way the image is built changes, so old images are not reused. */
    static final String RECIPE_VERSION = "1";

    public String key() {
        ContentHash hash = new ContentHash().add(RECIPE_VERSION).add(source.describe());
        packages.forEach(hash::add);
        return hash.shortHex();
    }

    public String tag() {
        return "faultline-base:" + key();
    }
}
